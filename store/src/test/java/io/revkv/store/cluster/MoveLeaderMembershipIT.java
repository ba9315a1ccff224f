package io.revkv.store.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.StatusRuntimeException;
import io.revkv.proto.etcdserverpb.ClusterGrpc;
import io.revkv.proto.etcdserverpb.MemberPromoteRequest;
import io.revkv.proto.etcdserverpb.MemberRemoveRequest;
import io.revkv.testing.LoopbackCluster;
import io.revkv.testing.ServerProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Leadership moved again and again (MoveLeader to a random member, from a {@link LeaderMover} thread) while, on the
 * test thread, the membership changes under it round after round: a learner is added and started with
 * {@code --initial-cluster-state existing}, promoted once in sync, and another member (the leader half of the time)
 * is removed and stops. Clients write and read through the three first members all along. The errors etcd answers
 * such races with are counted and retried ({@link RacingErrors}); any other fails the test. Afterwards every member
 * lists the membership the successful changes made, a leader is agreed, and {@link ClusterRun#finish()} checks the
 * data: one revision and HashKV everywhere, every acknowledged write on every member, none applied twice, and a
 * linearizable history. Choices are seeded ({@code -Dcluster.seed} replays them, up to timing).
 */
class MoveLeaderMembershipIT {

    private static final int ROUNDS = 3;
    private static final Duration CHANGE_TIMEOUT = Duration.ofSeconds(60);
    private static final long REQUEST_DEADLINE_MS = 10_000;

    private ClusterRun run;
    private RacingErrors errors;
    private Random random;
    /** The current members with their IDs, in the order they joined; only the test thread changes it. */
    private final Map<ServerProcess, Long> ids = new LinkedHashMap<>();

    @Test
    void membersJoinArePromotedAndLeaveWhileLeadershipMovesAndNoWriteIsLostOrDoubled() {
        try (ClusterRun started = ClusterRun.start(MoveLeaderMembershipIT.class, "move-leader-membership", 3, 5,
                0x30_7E_1EADL)) {
            run = started;
            errors = new RacingErrors();
            random = new Random(run.seed());
            LoopbackCluster cluster = run.cluster();
            List<ServerProcess> originals = cluster.members();
            originals.forEach(m -> ids.put(m, cluster.memberId(m)));
            int moved;
            try (LeaderMover mover = new LeaderMover(random.nextLong(), errors, run::note)) {
                mover.use(byId());
                run.load(Duration.ofSeconds(1));
                for (int round = 0; round < ROUNDS; round++) {
                    changeMembership("m" + (4 + round), originals, mover);
                    assertThat(errors.unexpected()).as(run.report()).isEmpty();
                }
                moved = mover.moved();
            }
            run.note(moved + " leadership moves; errors answered to races: " + errors.counts());
            assertThat(errors.unexpected()).as(run.report()).isEmpty();
            assertThat(moved).as("leadership moves that succeeded\n" + run.report()).isPositive();
            run.leader();
            assertEveryMemberLists(expectedMembership());
            run.finish();
        }
    }

    /** One round: a learner joins and is promoted, then another member (possibly the leader) is removed. */
    private void changeMembership(String name, List<ServerProcess> originals, LeaderMover mover) {
        ServerProcess learner = run.cluster().join(name, true);
        ids.put(learner, run.cluster().memberId(learner));
        mover.use(byId());
        run.note("learner " + name + " (" + Long.toHexString(ids.get(learner)) + ") added and started");
        run.load(Duration.ofSeconds(1));

        retry("MemberPromote", "etcdserver: can only promote a learner member", via -> ClusterGrpc
                .newBlockingStub(via.channel()).withDeadlineAfter(REQUEST_DEADLINE_MS, TimeUnit.MILLISECONDS)
                .memberPromote(MemberPromoteRequest.newBuilder().setID(ids.get(learner)).build()), learner);
        run.note("promoted " + name);
        run.load(Duration.ofSeconds(1));

        ServerProcess leaving = leaving(learner, originals);
        retry("MemberRemove", "etcdserver: member not found", via -> ClusterGrpc.newBlockingStub(via.channel())
                .withDeadlineAfter(REQUEST_DEADLINE_MS, TimeUnit.MILLISECONDS)
                .memberRemove(MemberRemoveRequest.newBuilder().setID(ids.get(leaving)).build()), null);
        run.note("removed " + leaving.name());
        Members.await(leaving.name() + " stopping after its removal", () -> Optional.of(leaving)
                .filter(m -> !m.isAlive()));
        run.cluster().forget(leaving);
        ids.remove(leaving);
        mover.use(byId());
        run.note(leaving.name() + " stopped");
    }

    /**
     * Who leaves: the leader half of the time, another voter otherwise; never the member just promoted, nor the last
     * of the first members (the clients only know those).
     */
    private ServerProcess leaving(ServerProcess promoted, List<ServerProcess> originals) {
        List<ServerProcess> candidates = new ArrayList<>(ids.keySet());
        candidates.remove(promoted);
        if (candidates.stream().filter(originals::contains).count() <= 1) {
            candidates.removeAll(originals);
        }
        ServerProcess leader = run.leader();
        if (candidates.contains(leader) && random.nextBoolean()) {
            return leader;
        }
        candidates.remove(leader);
        return candidates.isEmpty() ? leader : candidates.get(random.nextInt(candidates.size()));
    }

    /** A membership call, sent through a random voter; a call whose outcome is unknown (it failed) may have applied. */
    private interface Call {
        void through(ServerProcess via);
    }

    /**
     * Sends {@code call} through a random voter other than {@code notVia} until it succeeds, retrying the errors of
     * races. {@code alreadyDone} after an earlier attempt failed means that attempt applied it (etcd answers the
     * same when asked twice); before any, or any other error, fails the test.
     */
    private void retry(String operation, String alreadyDone, Call call, ServerProcess notVia) {
        long deadline = System.nanoTime() + CHANGE_TIMEOUT.toNanos();
        boolean failedBefore = false;
        while (true) {
            List<ServerProcess> voters = new ArrayList<>(ids.keySet());
            voters.remove(notVia);
            ServerProcess via = voters.get(random.nextInt(voters.size()));
            try {
                call.through(via);
                return;
            } catch (StatusRuntimeException e) {
                if (failedBefore && alreadyDone.equals(e.getStatus().getDescription())) {
                    run.note(operation + " applied by an earlier attempt (now: " + alreadyDone + ")");
                    return;
                }
                assertThat(errors.accept(operation, e)).as(operation + " through " + via.name() + ": " + e
                        + "\n" + run.report()).isTrue();
                failedBefore = true;
            }
            assertThat(System.nanoTime()).as(operation + " did not succeed within " + CHANGE_TIMEOUT + "; "
                    + errors.counts() + "\n" + run.report()).isLessThan(deadline);
            ClusterRun.sleep(Duration.ofMillis(300));
        }
    }

    private Map<Long, ServerProcess> byId() {
        return ids.entrySet().stream().collect(Collectors.toMap(Map.Entry::getValue, Map.Entry::getKey));
    }

    /** The members the successful changes made, all voters, as MemberList shows them. */
    private List<String> expectedMembership() {
        return ids.entrySet().stream().map(e -> describe(e.getValue(), e.getKey().name(),
                List.of(e.getKey().peerUrl()), List.of("http://" + e.getKey().endpoint()), false)).sorted().toList();
    }

    /** Every member answers MemberList with {@code expected} (each applies the changes in its own time). */
    private void assertEveryMemberLists(List<String> expected) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Map<String, Object> answers = new LinkedHashMap<>();
        while (System.nanoTime() < deadline) {
            answers.clear();
            for (ServerProcess member : ids.keySet()) {
                answers.put(member.name(), listed(member));
            }
            if (answers.values().stream().allMatch(expected::equals)) {
                run.note("every member lists " + expected);
                return;
            }
            ClusterRun.sleep(Duration.ofMillis(200));
        }
        throw new AssertionError("members do not all list " + expected + ": " + answers + "\n" + run.report());
    }

    private static Object listed(ServerProcess member) {
        try {
            return Members.list(member).stream().map(m -> describe(m.getID(), m.getName(), m.getPeerURLsList(),
                    m.getClientURLsList(), m.getIsLearner())).sorted().toList();
        } catch (StatusRuntimeException e) {
            return e.getStatus().toString();
        }
    }

    private static String describe(long id, String name, List<String> peers, List<String> clients, boolean learner) {
        return Long.toHexString(id) + " " + name + " peers=" + peers + " clients=" + clients
                + (learner ? " learner" : " voter");
    }
}
