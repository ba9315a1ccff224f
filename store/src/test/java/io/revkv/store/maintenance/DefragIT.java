package io.revkv.store.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.revkv.proto.etcdserverpb.CompactionRequest;
import io.revkv.proto.etcdserverpb.HashKVRequest;
import io.revkv.proto.etcdserverpb.HashKVResponse;
import io.revkv.proto.etcdserverpb.KVGrpc;
import io.revkv.proto.etcdserverpb.MaintenanceGrpc;
import io.revkv.proto.etcdserverpb.PutRequest;
import io.revkv.proto.etcdserverpb.RangeRequest;
import io.revkv.proto.etcdserverpb.RangeResponse;
import io.revkv.proto.etcdserverpb.RequestOp;
import io.revkv.proto.etcdserverpb.StatusRequest;
import io.revkv.proto.etcdserverpb.TxnRequest;
import io.revkv.testing.Etcdctl;
import io.revkv.testing.EtcdProcess;
import io.revkv.testing.RevkvProcess;
import io.revkv.testing.ServerProcess;
import io.revkv.testing.ServerProcesses;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Compaction then online defragmentation: space comes back, data and HashKV do not change, etcdctl is content. */
class DefragIT {

    private static final int REVISIONS = 150;
    private static final int KEYS = 16;
    private static final long SEED = 20240607L;

    @RegisterExtension
    final ServerProcesses servers = new ServerProcesses();

    private static KVGrpc.KVBlockingStub kv(ServerProcess server) {
        return KVGrpc.newBlockingStub(server.channel()).withDeadlineAfter(60, TimeUnit.SECONDS);
    }

    private static MaintenanceGrpc.MaintenanceBlockingStub maintenance(ServerProcess server) {
        return MaintenanceGrpc.newBlockingStub(server.channel()).withDeadlineAfter(60, TimeUnit.SECONDS);
    }

    /** {@code REVISIONS} txns overwriting the same {@code KEYS} keys with 1 KiB of random bytes (seeded). */
    private static long writeHistory(ServerProcess server) {
        Random random = new Random(SEED);
        long revision = 0;
        for (int t = 0; t < REVISIONS; t++) {
            TxnRequest.Builder txn = TxnRequest.newBuilder();
            for (int k = 0; k < KEYS; k++) {
                byte[] value = new byte[1024];
                random.nextBytes(value);
                txn.addSuccess(RequestOp.newBuilder().setRequestPut(PutRequest.newBuilder()
                        .setKey(ByteString.copyFromUtf8("key/" + k)).setValue(ByteString.copyFrom(value))));
            }
            revision = kv(server).txn(txn.build()).getHeader().getRevision();
        }
        return revision;
    }

    private static RangeResponse everything(ServerProcess server) {
        return kv(server).range(RangeRequest.newBuilder().setKey(ByteString.copyFrom(new byte[] {0}))
                .setRangeEnd(ByteString.copyFrom(new byte[] {0})).build());
    }

    private static HashKVResponse hashKv(ServerProcess server, long revision) {
        return maintenance(server).hashKV(HashKVRequest.newBuilder().setRevision(revision).build());
    }

    @Test
    void compactThenDefragShrinksTheDbAndKeepsDataAndHashKv() {
        RevkvProcess revkv = servers.revkv("revkv");
        long revision = writeHistory(revkv);
        kv(revkv).compact(CompactionRequest.newBuilder().setRevision(revision).setPhysical(true).build());
        RangeResponse dataBefore = everything(revkv);
        HashKVResponse hashBefore = hashKv(revkv, 0);
        var before = maintenance(revkv).status(StatusRequest.getDefaultInstance());
        long sizeBefore = before.getDbSize();
        // Before any defragmentation, Status already says most of the file is free (what etcdctl endpoint status
        // and the operator's thresholds read): one version in REVISIONS is live.
        assertThat(before.getDbSizeInUse()).as("in use of %d", sizeBefore).isPositive().isLessThan(sizeBefore / 4);

        Etcdctl.Result defrag = Etcdctl.run(revkv, "defrag");

        assertThat(defrag.exitCode()).as(defrag.toString()).isZero();
        assertThat(defrag.stdout()).isEqualTo("Finished defragmenting etcd member[" + revkv.endpoint() + "]\n");
        var status = maintenance(revkv).status(StatusRequest.getDefaultInstance());
        // REVISIONS versions of each key were written, one survives: the db is a small fraction of what it was.
        assertThat(status.getDbSize()).isLessThan(sizeBefore / 4);
        assertThat(status.getDbSize()).isGreaterThan((long) KEYS * 1024);
        assertThat(status.getDbSizeInUse()).isBetween(status.getDbSize() * 9 / 10, status.getDbSize());
        assertThat(everything(revkv).getKvsList()).isEqualTo(dataBefore.getKvsList());
        HashKVResponse hashAfter = hashKv(revkv, 0);
        assertThat(hashAfter.getHash()).isEqualTo(hashBefore.getHash());
        assertThat(hashAfter.getCompactRevision()).isEqualTo(revision);
    }

    @Test
    void writesAndReadsGoOnDuringADefragmentation() {
        RevkvProcess revkv = servers.revkv("revkv");
        long revision = writeHistory(revkv);
        kv(revkv).compact(CompactionRequest.newBuilder().setRevision(revision).setPhysical(true).build());
        CompletableFuture<Etcdctl.Result> defrag = CompletableFuture.supplyAsync(() -> Etcdctl.run(revkv, "defrag"));
        long last = revision;
        for (int i = 0; i < 50; i++) {
            last = kv(revkv).put(PutRequest.newBuilder().setKey(ByteString.copyFromUtf8("during/" + i))
                    .setValue(ByteString.copyFromUtf8("v" + i)).build()).getHeader().getRevision();
            assertThat(everything(revkv).getCount()).isEqualTo(KEYS + i + 1);
        }
        assertThat(defrag.join().exitCode()).isZero();
        assertThat(last).isEqualTo(revision + 50);
        assertThat(everything(revkv).getCount()).isEqualTo(KEYS + 50);
    }

    @Test
    void etcdctlDefragPrintsWhatItPrintsForEtcd34() {
        EtcdProcess etcd = servers.etcd("etcd");
        RevkvProcess revkv = servers.revkv("revkv");
        writeHistory(etcd);
        writeHistory(revkv);
        assertThat(Etcdctl.run(revkv, "defrag").normalized(revkv.endpoint()))
                .isEqualTo(Etcdctl.run(etcd, "defrag").normalized(etcd.endpoint()));
    }
}
