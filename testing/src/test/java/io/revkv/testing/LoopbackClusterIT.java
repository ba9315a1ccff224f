package io.revkv.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.revkv.proto.etcdserverpb.ClusterGrpc;
import io.revkv.proto.etcdserverpb.KVGrpc;
import io.revkv.proto.etcdserverpb.MemberListRequest;
import io.revkv.proto.etcdserverpb.MemberPromoteRequest;
import io.revkv.proto.etcdserverpb.MemberRemoveRequest;
import io.revkv.proto.etcdserverpb.PutRequest;
import io.revkv.proto.etcdserverpb.RangeRequest;
import io.revkv.proto.etcdserverpb.RangeResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The cluster harness against the real etcd 3.4: bootstrap, leader, kill / pause / resume / restart, and the
 * membership path (a voter and a learner joining with {@code --initial-cluster-state existing}, promote, remove)
 * that revkv's membership tests will take.
 */
class LoopbackClusterIT {

    private static final Duration LEADER = Duration.ofSeconds(30);
    private static final Path BASE = Path.of("target", "compat", "LoopbackClusterIT");

    @Test
    void aKilledLeaderIsReplacedAndCatchesUpAfterItsRestart() {
        try (LoopbackCluster cluster = LoopbackCluster.etcd(3, BASE.resolve("kill")).start()) {
            ServerProcess leader = cluster.awaitLeader(LEADER);
            put(leader, "before", "1");

            leader.kill();
            ServerProcess next = cluster.awaitLeader(LEADER);
            assertThat(next).isNotSameAs(leader);
            put(next, "during", "2");

            cluster.restart(leader);
            assertThat(get(leader, "during")).isEqualTo("2");
            assertThat(cluster.awaitLeader(LEADER)).isSameAs(next);
        }
    }

    @Test
    void aPausedFollowerFallsBehindAndAPausedLeaderLosesLeadership() {
        try (LoopbackCluster cluster = LoopbackCluster.etcd(3, BASE.resolve("pause")).start()) {
            ServerProcess leader = cluster.awaitLeader(LEADER);
            ServerProcess follower = cluster.others(leader).get(0);

            follower.pause();
            assertThat(follower.isPaused()).isTrue();
            assertThat(cluster.running()).hasSize(2).doesNotContain(follower);
            put(leader, "k", "while-follower-paused");
            follower.resume();
            assertThat(get(follower, "k")).isEqualTo("while-follower-paused");

            leader.pause();
            ServerProcess next = cluster.awaitLeader(LEADER);
            assertThat(next).isNotSameAs(leader);
            leader.resume();
            assertThat(get(leader, "k")).isEqualTo("while-follower-paused");
        }
    }

    @Test
    void aVoterAndALearnerJoinAnExistingClusterAndAMemberIsRemoved() {
        try (LoopbackCluster cluster = LoopbackCluster.etcd(3, BASE.resolve("membership")).start()) {
            put(cluster.awaitLeader(LEADER), "k", "v");

            ServerProcess voter = cluster.join("m4", false);
            assertThat(get(voter, "k")).isEqualTo("v");
            assertThat(cluster.size()).isEqualTo(4);
            assertThat(voter.command()).containsSubsequence("--initial-cluster-state", "existing");

            ServerProcess learner = cluster.join("m5", true);
            long learnerId = cluster.memberId(learner);
            var clusterApi = ClusterGrpc.newBlockingStub(cluster.awaitLeader(LEADER).channel())
                    .withDeadlineAfter(10, TimeUnit.SECONDS);
            assertThat(clusterApi.memberList(MemberListRequest.getDefaultInstance()).getMembersList())
                    .filteredOn(m -> m.getID() == learnerId).singleElement()
                    .satisfies(m -> assertThat(m.getIsLearner()).isTrue());
            awaitPromoted(cluster, learnerId);

            ServerProcess removed = cluster.member(0);
            long removedId = cluster.memberId(removed);
            ClusterGrpc.newBlockingStub(cluster.others(removed).get(0).channel())
                    .withDeadlineAfter(10, TimeUnit.SECONDS)
                    .memberRemove(MemberRemoveRequest.newBuilder().setID(removedId).build());
            cluster.forget(removed);
            assertThat(cluster.size()).isEqualTo(4);
            ServerProcess leader = cluster.awaitLeader(LEADER);
            put(leader, "after-remove", "x");
            assertThat(get(learner, "after-remove")).isEqualTo("x");
        }
    }

    /** etcd refuses a promotion until the learner has caught up with the leader; retry as an operator would. */
    private static void awaitPromoted(LoopbackCluster cluster, long learnerId) {
        long deadline = System.nanoTime() + LEADER.toNanos();
        while (true) {
            try {
                ClusterGrpc.newBlockingStub(cluster.awaitLeader(LEADER).channel())
                        .withDeadlineAfter(10, TimeUnit.SECONDS)
                        .memberPromote(MemberPromoteRequest.newBuilder().setID(learnerId).build());
                return;
            } catch (io.grpc.StatusRuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            sleepQuietly();
        }
    }

    private static void put(ServerProcess member, String key, String value) {
        KVGrpc.newBlockingStub(member.channel()).withDeadlineAfter(10, TimeUnit.SECONDS)
                .put(PutRequest.newBuilder().setKey(utf8(key)).setValue(utf8(value)).build());
    }

    /** A linearizable get, retried on Unavailable as etcd's clients retry it (a young cluster may change leader). */
    private static String get(ServerProcess member, String key) {
        for (int attempt = 1; ; attempt++) {
            try {
                RangeResponse r = KVGrpc.newBlockingStub(member.channel()).withDeadlineAfter(10, TimeUnit.SECONDS)
                        .range(RangeRequest.newBuilder().setKey(utf8(key)).build());
                return r.getKvsCount() == 0 ? null : r.getKvs(0).getValue().toStringUtf8();
            } catch (io.grpc.StatusRuntimeException e) {
                if (e.getStatus().getCode() != io.grpc.Status.Code.UNAVAILABLE || attempt == 5) {
                    throw e;
                }
            }
        }
    }

    private static ByteString utf8(String s) {
        return ByteString.copyFromUtf8(s);
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
