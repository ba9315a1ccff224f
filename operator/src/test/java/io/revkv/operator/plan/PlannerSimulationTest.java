package io.revkv.operator.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The planner driving a {@link SimulatedCluster}, one action per reconcile, with invariants checked after every
 * step: one seed ever, at most one learner, never more voters than asked, never a removal below a quorum, the
 * latched cluster ID never changes; and it converges to Done. Random disturbances use fixed seeds; a failure
 * prints the seed and the steps taken.
 */
class PlannerSimulationTest {

    private static final Planner PLANNER = new Planner();

    @Test
    void threeMembersBootstrapFromOneSeedAndJoinOneLearnerAtATime() {
        SimulatedCluster cluster = new SimulatedCluster(new Desired("kv", 3, false, false), 1);

        List<String> actions = runToDone(cluster, 100, new ArrayList<>());

        assertThat(actions.stream().filter(a -> !a.startsWith("Wait")).toList()).containsExactly(
                "CreateSeed kv-0", "LatchClusterId kv-0", "RetireSeedPod kv-0", "RecreatePod kv-0",
                "AddLearner kv-1", "StartMember kv-1", "PromoteLearner kv-1",
                "AddLearner kv-2", "StartMember kv-2", "PromoteLearner kv-2",
                "Done");
        assertThat(cluster.members()).allMatch(m -> !m.learner()).hasSize(3);
    }

    @Test
    void aSingleMemberIsTheSeedAlone() {
        SimulatedCluster cluster = new SimulatedCluster(new Desired("kv", 1, false, false), 1);

        List<String> actions = runToDone(cluster, 20, new ArrayList<>());

        assertThat(actions.stream().filter(a -> !a.startsWith("Wait")).toList())
                .containsExactly("CreateSeed kv-0", "LatchClusterId kv-0", "RetireSeedPod kv-0",
                        "RecreatePod kv-0", "Done");
    }

    @Test
    void theOnlyMemberLosingItsVolumeIsNeverBootstrappedAgain() {
        SimulatedCluster cluster = new SimulatedCluster(new Desired("kv", 1, false, false), 1);
        runToDone(cluster, 20, new ArrayList<>());

        cluster.lose("kv-0");
        List<String> log = new ArrayList<>();
        for (int step = 0; step < 20; step++) {
            Action action = PLANNER.next(cluster.observe());
            log.add(describe(action));
            cluster.apply(action);
            cluster.tick();
        }

        assertThat(log).containsOnly("Wait NoMemberAnswers: no member answers and no member volume is left: the "
                + "cluster's data is lost, restore from a snapshot");
    }

    @Test
    void aFollowerLosingItsVolumeRejoinsAsANewMemberUnderTheSameName() {
        SimulatedCluster cluster = new SimulatedCluster(new Desired("kv", 3, false, false), 1);
        runToDone(cluster, 100, new ArrayList<>());
        long lostId = cluster.members().stream().filter(m -> m.name().equals("kv-1")).findFirst().orElseThrow().id();

        cluster.lose("kv-1");
        List<String> actions = runToDone(cluster, 100, new ArrayList<>());

        assertThat(actions.stream().filter(a -> !a.startsWith("Wait")).toList()).containsExactly(
                "ReplaceMember kv-1", "AddLearner kv-1", "StartMember kv-1", "PromoteLearner kv-1", "Done");
        assertThat(cluster.members()).extracting(RaftMember::name).containsExactlyInAnyOrder("kv-0", "kv-1", "kv-2");
        assertThat(cluster.members()).noneMatch(m -> m.id() == lostId);
    }

    @Test
    void aDeletedPodComesBackAsTheSameMember() {
        SimulatedCluster cluster = new SimulatedCluster(new Desired("kv", 3, false, false), 1);
        runToDone(cluster, 100, new ArrayList<>());
        List<RaftMember> before = cluster.members();

        cluster.deletePod("kv-2");
        List<String> actions = runToDone(cluster, 100, new ArrayList<>());

        assertThat(actions.stream().filter(a -> !a.startsWith("Wait")).toList()).containsExactly("RecreatePod kv-2", "Done");
        assertThat(cluster.members()).containsExactlyElementsOf(before);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void disturbedClustersKeepTheInvariantsAndHeal(long seed) {
        Random random = new Random(seed);
        int replicas = 1 + 2 * random.nextInt(3);
        SimulatedCluster cluster = new SimulatedCluster(new Desired("kv", replicas, false, false), seed);
        List<String> log = new ArrayList<>();
        try {
            runToDone(cluster, 200, log);
            for (int round = 0; round < 3; round++) {
                log.add("! " + cluster.disturb());
                runToDone(cluster, 300, log);
            }
        } catch (AssertionError e) {
            fail("seed " + seed + ", replicas " + replicas + ": " + e.getMessage() + "\nsteps:\n" + String.join("\n", log), e);
        }
    }

    @ParameterizedTest(name = "{0} members")
    @ValueSource(ints = {3, 5})
    void aSpecEditRollsEveryMemberOnceTheLeaderLast(int replicas) {
        Desired before = new Desired("kv", replicas, false, false, "hash-1", "0.1.0");
        SimulatedCluster cluster = new SimulatedCluster(before, 1);
        runToDone(cluster, 200, new ArrayList<>());
        List<RaftMember> members = cluster.members();
        String leader = cluster.leader().orElseThrow();

        cluster.edit(before.withPod("hash-2", "0.1.1"));
        List<String> actions = runToDone(cluster, 300, new ArrayList<>()).stream()
                .filter(a -> !a.startsWith("Wait")).toList();

        List<String> restarts = actions.stream().filter(a -> a.startsWith("RestartMember")).toList();
        assertThat(restarts).as("each member once, the leader last").hasSize(replicas).doesNotHaveDuplicates()
                .last().isEqualTo("RestartMember " + leader);
        int moved = actions.indexOf(actions.stream().filter(a -> a.startsWith("MoveLeader " + leader + " -> "))
                .findFirst().orElseThrow());
        assertThat(actions.get(moved + 1)).as("leadership moved just before the leader restarts")
                .isEqualTo("RestartMember " + leader);
        assertThat(actions.stream().filter(a -> a.startsWith("MoveLeader"))).hasSize(1);
        assertThat(cluster.podHashes()).hasSize(replicas).allSatisfy((name, hash) -> assertThat(hash).isEqualTo("hash-2"));
        assertThat(cluster.members()).as("same members, same IDs").containsExactlyElementsOf(members);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void aRollInterruptedByAnOperatorRestartAndADisturbanceStillConverges(long seed) {
        Random random = new Random(seed);
        int replicas = 3 + 2 * random.nextInt(2);
        Desired before = new Desired("kv", replicas, false, false, "hash-1", "0.1.0");
        SimulatedCluster cluster = new SimulatedCluster(before, seed);
        List<String> log = new ArrayList<>();
        try {
            runToDone(cluster, 200, log);
            cluster.edit(before.withPod("hash-2", "0.1.1"));
            int midway = 1 + random.nextInt(12);
            for (int step = 0; step < midway; step++) {
                Action action = new Planner().next(cluster.observe()); // a fresh operator every reconcile
                log.add(describe(action));
                cluster.apply(action);
                cluster.tick();
            }
            log.add("! " + cluster.disturb());
            runToDone(cluster, 400, log);
            assertThat(cluster.podHashes()).hasSize(replicas).allSatisfy((name, hash) -> assertThat(hash).isEqualTo("hash-2"));
        } catch (AssertionError e) {
            fail("seed " + seed + ", replicas " + replicas + ": " + e.getMessage() + "\nsteps:\n" + String.join("\n", log), e);
        }
    }

    /** Reconcile (observe, plan, apply, let time pass) until Done, checking the invariants at every step. */
    private static List<String> runToDone(SimulatedCluster cluster, int maxSteps, List<String> log) {
        Long latched = null;
        for (int step = 0; step < maxSteps; step++) {
            Observation observation = cluster.observe();
            Action action = PLANNER.next(observation);
            log.add(describe(action));
            if (observation.clusterId().isPresent()) {
                assertThat(action).as("no seed after the cluster ID is latched").isNotInstanceOf(Action.CreateSeed.class);
                latched = latched == null ? observation.clusterId().getAsLong() : latched;
                assertThat(observation.clusterId().getAsLong()).as("the latched ID never changes").isEqualTo(latched);
            }
            if (action instanceof Action.Done) {
                return log;
            }
            cluster.apply(action);
            checkMembership(cluster, observation.desired().replicas());
            if (action instanceof Action.RestartMember restart) {
                long voters = cluster.members().stream().filter(m -> !m.learner()).count();
                assertThat(cluster.runningVotersExcept(restart.member())).as("every other voter runs while "
                        + restart.member() + " restarts: never two down").isEqualTo(voters - 1);
            }
            if (action instanceof Action.RemoveMember || action instanceof Action.ReplaceMember
                    || action instanceof Action.PromoteLearner) {
                assertThat(cluster.hasQuorum()).as("a quorum of running voters after " + describe(action)).isTrue();
            }
            cluster.tick();
        }
        throw new AssertionError("not Done after " + maxSteps + " steps");
    }

    private static void checkMembership(SimulatedCluster cluster, int replicas) {
        List<RaftMember> members = cluster.members();
        assertThat(members.stream().filter(RaftMember::learner).count()).as("at most one learner").isLessThanOrEqualTo(1);
        assertThat(members.stream().filter(m -> !m.learner()).count()).as("never more voters than asked")
                .isLessThanOrEqualTo(replicas);
    }

    private static String describe(Action action) {
        String member;
        if (action instanceof Action.Wait a) {
            member = a.reason() + ": " + a.detail();
        } else if (action instanceof Action.MoveLeader a) {
            member = a.from() + " -> " + a.to();
        } else if (action instanceof Action.RemoveMember a) {
            member = a.member() + " (" + a.reason() + ")";
        } else {
            // every other action's first component is its member
            String text = action.toString();
            member = text.contains("member=") ? text.replaceAll(".*member=([^,\\]]*).*", "$1") : "";
        }
        return (action.getClass().getSimpleName() + " " + member).strip();
    }
}
