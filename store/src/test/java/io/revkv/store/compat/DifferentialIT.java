package io.revkv.store.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.revkv.proto.etcdserverpb.CompactionRequest;
import io.revkv.proto.etcdserverpb.DeleteRangeRequest;
import io.revkv.proto.etcdserverpb.HashKVRequest;
import io.revkv.proto.etcdserverpb.HashKVResponse;
import io.revkv.proto.etcdserverpb.PutRequest;
import io.revkv.proto.etcdserverpb.RequestOp;
import io.revkv.proto.etcdserverpb.TxnRequest;
import io.revkv.testing.Dialect;
import io.revkv.testing.EtcdRpc;
import io.revkv.testing.Outcome;
import io.revkv.testing.Protos;
import io.revkv.testing.ServerProcess;
import io.revkv.testing.ServerProcesses;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Differential test: the same seeded {@link Workload} against real etcd 3.4.23 and against revkv, every answer
 * compared ({@link DifferentialRun}), then HashKV over the final state. Each seed runs on a fresh pair of servers.
 *
 * <p>Knobs: {@code -Drevkv.seed=N} replays one seed; {@code -Drevkv.ops=N} sets operations per seed (default
 * 2500, four seeds: 10 000 in all); {@code -Drevkv.selfcheck.ops=N} the same for the etcd-vs-etcd self-check
 * (default 1500). Run only this class: {@code ./mvnw -B -pl store verify -Dit.test=DifferentialIT}.
 *
 * <p>Where etcd 3.4 and the new behaviour revkv implements differ, {@link KnownDifferences} names the difference,
 * asserts the new behaviour and only then compares; the tests at the bottom pin each named difference alone.
 */
class DifferentialIT {

    private static final long[] DEFAULT_SEEDS = {20240601L, 7L, 424242L, 99991L};
    private static final String COMPACTED = KnownDifferences.COMPACTED;

    @RegisterExtension
    final ServerProcesses servers = new ServerProcesses();

    /**
     * Harness self-check: two etcd 3.4 servers must never differ. A difference here means the workload is not
     * deterministic or the comparer normalizes too little, never that etcd is wrong.
     */
    @Test
    void etcd34AgainstEtcd34ShowsNoDifferences() {
        runAll(() -> servers.etcd("etcd-ref"), Integer.getInteger("revkv.selfcheck.ops", 1500),
                () -> servers.etcd("etcd-peer"));
    }

    @Test
    void revkvAnswersLikeEtcd34ExceptForNamedDifferences() {
        runAll(() -> servers.etcd("etcd"), Integer.getInteger("revkv.ops", 2500), () -> servers.revkv("revkv"));
    }

    private void runAll(Supplier<ServerProcess> reference, int operations, Supplier<ServerProcess> candidate) {
        List<String> failures = new ArrayList<>();
        for (long seed : seeds()) {
            ServerProcess ref = reference.get();
            ServerProcess cand = candidate.get();
            try (DifferentialRun run = new DifferentialRun(ref, cand)) {
                DifferentialRun.Result result = run.run(seed, operations);
                System.out.print(result.summary());
                if (!result.passed()) {
                    failures.add(result.failure());
                }
            } finally {
                servers.closeAll();
            }
        }
        assertThat(failures).as("differences (seeds %s)", Arrays.toString(seeds())).isEmpty();
    }

    private static long[] seeds() {
        String seed = System.getProperty("revkv.seed");
        return seed == null || seed.isBlank() ? DEFAULT_SEEDS : new long[] {Long.parseLong(seed.trim())};
    }

    /**
     * The contract's live data point (§5.2), on etcd: put a=1@2, put b=2@3, put a=3@4, del b@5, txn{put c=x,
     * put d=y}@6 gives hashkv(6)=1848509990 and hashkv(4)=2069675932; after compact 3, 3235463707 and 1107643163.
     * Also pins 3.4's side of {@link KnownDifferences.Name#HASHKV_AT_COMPACT_REVISION}: HashKV(3) is refused.
     */
    @Test
    void etcd34HashKvMatchesTheContractsLiveDataPoint() {
        ServerProcess etcd = servers.etcd("etcd");
        writeLiveDataPointHistory(etcd);
        assertThat(hash(etcd, 6)).isEqualTo(1848509990L);
        assertThat(hash(etcd, 4)).isEqualTo(2069675932L);
        assertThat(EtcdRpc.call(etcd.channel(), CompactionRequest.newBuilder().setRevision(3).setPhysical(true)
                .build()).isOk()).isTrue();
        assertThat(hash(etcd, 6)).isEqualTo(3235463707L);
        assertThat(hash(etcd, 4)).isEqualTo(1107643163L);
        assertThat(EtcdRpc.call(etcd.channel(), HashKVRequest.newBuilder().setRevision(3).build()))
                .isEqualTo(Outcome.error(Status.Code.OUT_OF_RANGE, COMPACTED));
    }

    /**
     * revkv on the same history: the same hashes, hash_revision set ({@link
     * KnownDifferences.Name#HASHKV_HASH_REVISION_FIELD}), and HashKV at exactly compactRev answered ({@link
     * KnownDifferences.Name#HASHKV_AT_COMPACT_REVISION}) either from the compaction-hash cache (compact_revision
     * −1, the one before, and the hash HashKV(3) had before compacting) or freshly (compact_revision 3).
     */
    @Test
    void revkvHashKvMatchesTheLiveDataPointAndAnswersAtExactlyCompactRevision() {
        ServerProcess revkv = servers.revkv("revkv");
        writeLiveDataPointHistory(revkv);
        assertThat(hash(revkv, 6)).isEqualTo(1848509990L);
        assertThat(hash(revkv, 4)).isEqualTo(2069675932L);
        long hash3BeforeCompaction = hash(revkv, 3);
        assertThat(EtcdRpc.call(revkv.channel(), CompactionRequest.newBuilder().setRevision(3).setPhysical(true)
                .build()).isOk()).isTrue();
        assertThat(hash(revkv, 6)).isEqualTo(3235463707L);
        assertThat(hash(revkv, 4)).isEqualTo(1107643163L);
        Outcome atCompactRevision = EtcdRpc.call(revkv.channel(), HashKVRequest.newBuilder().setRevision(3).build());
        assertThat(atCompactRevision.isOk()).as("HashKV(3) after compact 3: %s", atCompactRevision).isTrue();
        HashKVResponse response = (HashKVResponse) atCompactRevision.response();
        assertThat(response.getHashRevision()).isEqualTo(3);
        if (response.getCompactRevision() == -1) {
            assertThat(Integer.toUnsignedLong(response.getHash())).as("cached compaction hash")
                    .isEqualTo(hash3BeforeCompaction);
        } else {
            assertThat(response.getCompactRevision()).isEqualTo(3);
        }
    }

    private static void writeLiveDataPointHistory(ServerProcess server) {
        List<com.google.protobuf.Message> history = List.of(
                PutRequest.newBuilder().setKey(Protos.utf8("a")).setValue(Protos.utf8("1")).build(),
                PutRequest.newBuilder().setKey(Protos.utf8("b")).setValue(Protos.utf8("2")).build(),
                PutRequest.newBuilder().setKey(Protos.utf8("a")).setValue(Protos.utf8("3")).build(),
                DeleteRangeRequest.newBuilder().setKey(Protos.utf8("b")).build(),
                TxnRequest.newBuilder()
                        .addSuccess(RequestOp.newBuilder().setRequestPut(PutRequest.newBuilder()
                                .setKey(Protos.utf8("c")).setValue(Protos.utf8("x"))))
                        .addSuccess(RequestOp.newBuilder().setRequestPut(PutRequest.newBuilder()
                                .setKey(Protos.utf8("d")).setValue(Protos.utf8("y"))))
                        .build());
        for (com.google.protobuf.Message request : history) {
            Outcome outcome = EtcdRpc.call(server.channel(), request);
            assertThat(outcome.isOk()).as("%s -> %s", Protos.shortText(request), outcome).isTrue();
        }
    }

    private static long hash(ServerProcess server, long revision) {
        Outcome outcome = EtcdRpc.call(server.channel(), HashKVRequest.newBuilder().setRevision(revision).build());
        assertThat(outcome.isOk()).as("HashKV(%d) on %s: %s", revision, server, outcome).isTrue();
        HashKVResponse response = (HashKVResponse) outcome.response();
        if (server.dialect() == Dialect.NEW) {
            assertThat(response.getHashRevision()).as("hash_revision").isEqualTo(revision);
        }
        return Integer.toUnsignedLong(response.getHash());
    }
}
