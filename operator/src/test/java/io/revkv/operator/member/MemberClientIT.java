package io.revkv.operator.member;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.revkv.proto.etcdserverpb.KVGrpc;
import io.revkv.proto.etcdserverpb.PutRequest;
import io.revkv.testing.FreePorts;
import io.revkv.testing.LoopbackCluster;
import io.revkv.testing.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The member client against a real three-member etcd 3.4 (the oracle revkv answers like): what it observes, the
 * membership changes it makes, and each refusal mapped to the outcome the operator acts on.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MemberClientIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static Path dir;
    private static LoopbackCluster cluster;
    private static ServerProcess leader;

    @BeforeAll
    static void startCluster() throws Exception {
        dir = Files.createTempDirectory("member-client");
        cluster = LoopbackCluster.etcd(3, dir).start();
        leader = cluster.awaitLeader(Duration.ofSeconds(60));
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void everyMemberReportsTheSameClusterAndLeader() {
        List<MemberStatusReport> reports = cluster.members().stream().map(m -> {
            try (MemberClient client = client(m)) {
                return client.status().value();
            }
        }).toList();

        assertThat(reports).extracting(MemberStatusReport::clusterId).containsOnly(reports.get(0).clusterId());
        assertThat(reports).extracting(MemberStatusReport::leaderId).containsOnly(cluster.memberId(leader));
        assertThat(reports).filteredOn(r -> r.memberId() == r.leaderId()).hasSize(1);
        assertThat(reports).allSatisfy(r -> {
            assertThat(r.raftIndex()).isPositive();
            assertThat(r.dbSize()).isPositive();
            assertThat(r.learner()).isFalse();
            assertThat(r.version()).startsWith("3.4.");
            assertThat(r.errors()).isEmpty();
        });
    }

    @Test
    @Order(2)
    void membershipListsThreeStartedVoters() {
        try (MemberClient client = client(cluster.member(1))) {
            List<GroupMember> members = client.memberList().value();

            assertThat(members).extracting(GroupMember::name).containsExactlyInAnyOrder("m1", "m2", "m3");
            assertThat(members).allMatch(m -> m.started() && !m.learner());
            assertThat(members).extracting(m -> m.peerUrls().get(0))
                    .containsExactlyInAnyOrderElementsOf(cluster.members().stream().map(ServerProcess::peerUrl).toList());
        }
    }

    @Test
    @Order(3)
    void noAlarmsAndEqualHashesAfterAWrite() {
        long revision = KVGrpc.newBlockingStub(leader.channel()).put(PutRequest.newBuilder()
                .setKey(ByteString.copyFromUtf8("k")).setValue(ByteString.copyFromUtf8("v")).build())
                .getHeader().getRevision();

        try (MemberClient client = client(leader)) {
            assertThat(client.alarms().value()).isEmpty();
        }
        List<HashKvReport> hashes = cluster.members().stream().map(m -> {
            try (MemberClient client = client(m)) {
                return awaitRevision(client, revision);
            }
        }).toList();
        assertThat(hashes).extracting(HashKvReport::hash).containsOnly(hashes.get(0).hash());
        assertThat(hashes).extracting(HashKvReport::memberId).doesNotHaveDuplicates();
    }

    @Test
    @Order(4)
    void learnerLifecycleAndItsRefusals() {
        String peerUrl = "http://127.0.0.1:" + FreePorts.take(1)[0];
        try (MemberClient client = client(cluster.member(2))) {
            Outcome<GroupMember> added = retryWhileUnhealthy(() -> client.memberAdd(peerUrl, true));
            assertThat(added.value().learner()).isTrue();
            assertThat(added.value().started()).as("a member has no name before it starts").isFalse();
            long learnerId = added.value().id();

            Outcome<GroupMember> again = client.memberAdd(peerUrl, true);
            assertThat(again.refusedWith(Refusal.PEER_URL_EXISTS) || again.refusedWith(Refusal.MEMBER_ID_EXISTS))
                    .as("adding the same peer URL again (the ID refusal within the same second): %s", again).isTrue();
            assertThat(client.memberAdd("http://127.0.0.1:" + FreePorts.take(1)[0], true))
                    .isEqualTo(new Outcome.Refused<GroupMember>(Refusal.TOO_MANY_LEARNERS, Refusal.TOO_MANY_LEARNERS.message()));
            assertThat(client.memberPromote(learnerId)).as("a learner that never started is not in sync")
                    .matches(o -> o.refusedWith(Refusal.LEARNER_NOT_READY), "refused with LEARNER_NOT_READY");
            assertThat(client.memberPromote(cluster.memberId(leader)).refusedWith(Refusal.NOT_A_LEARNER)).isTrue();

            assertThat(client.memberRemove(learnerId).value()).extracting(GroupMember::id).doesNotContain(learnerId);
            assertThat(client.memberRemove(learnerId).refusedWith(Refusal.MEMBER_NOT_FOUND)).isTrue();
        }
    }

    @Test
    @Order(5)
    void leadershipMovesOnlyWhenTheLeaderIsAsked() {
        ServerProcess follower = cluster.others(leader).get(0);
        long followerId = cluster.memberId(follower);
        try (MemberClient followerClient = client(follower); MemberClient leaderClient = client(leader)) {
            assertThat(followerClient.moveLeader(followerId).refusedWith(Refusal.NOT_LEADER)).isTrue();

            assertThat(leaderClient.moveLeader(followerId).ok()).isTrue();

            assertThat(followerClient.status().value().leaderId()).isEqualTo(followerId);
        }
        leader = follower;
    }

    @Test
    @Order(6)
    void defragmentAnswersOnceDone() {
        try (MemberClient client = client(cluster.member(0))) {
            assertThat(client.defragment(Duration.ofSeconds(30)).ok()).isTrue();
        }
    }

    @Test
    @Order(7)
    void aMemberThatIsNotThereIsUnreachableWithinTheDeadline() {
        int nobody = FreePorts.take(1)[0];
        long start = System.nanoTime();
        try (MemberClient client = MemberClient.connect("127.0.0.1", nobody, Optional.empty(), Duration.ofSeconds(2))) {
            Outcome<MemberStatusReport> outcome = client.status();

            assertThat(outcome).isInstanceOf(Outcome.Unreachable.class);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    /**
     * etcd refuses reconfiguration as "unhealthy cluster" until every voter has been connected for 5 s, as after a
     * start: a refusal the executor meets by reconciling again later, and this test by retrying.
     */
    private static <T> Outcome<T> retryWhileUnhealthy(java.util.function.Supplier<Outcome<T>> call) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Outcome<T> outcome = call.get();
        while (outcome.refusedWith(Refusal.UNHEALTHY_CLUSTER) && System.nanoTime() < deadline) {
            sleep(200);
            outcome = call.get();
        }
        return outcome;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static MemberClient client(ServerProcess member) {
        return MemberClient.connect("127.0.0.1", member.clientPort(), Optional.empty(), TIMEOUT);
    }

    /** A follower may not have applied the write yet; HashKV at a future revision is refused, so wait for it. */
    private static HashKvReport awaitRevision(MemberClient client, long revision) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            if (client.status().value().revision() >= revision || System.nanoTime() > deadline) {
                return client.hashKv(revision).value();
            }
            sleep(50);
        }
    }
}
