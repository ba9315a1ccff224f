package io.revkv.store.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.revkv.proto.etcdserverpb.CompactionRequest;
import io.revkv.proto.etcdserverpb.KVGrpc;
import io.revkv.proto.etcdserverpb.PutRequest;
import io.revkv.proto.etcdserverpb.RequestOp;
import io.revkv.proto.etcdserverpb.TxnRequest;
import io.revkv.testing.RevkvProcess;
import io.revkv.testing.ServerProcesses;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A client that gives up on a call (deadline, cancel) must cost only that call: the answer the server produces
 * later must not break the HTTP/2 connection that the client's other calls share.
 */
class CancelledCallIT {

    @RegisterExtension
    final ServerProcesses servers = new ServerProcesses();

    @Test
    void aCallAbandonedByItsDeadlineLeavesTheConnectionUsable() {
        RevkvProcess store = servers.revkv("cancel");
        KVGrpc.KVBlockingStub kv = KVGrpc.newBlockingStub(store.channel());
        long revision = writeHistory(kv, 100, 50);

        for (int round = 0; round < 5; round++) {
            // A physical compaction of thousands of records answers long after a 1 ms deadline.
            long target = revision - 90 + 10L * round;
            assertThatThrownBy(() -> kv.withDeadlineAfter(1, TimeUnit.MILLISECONDS).compact(
                    CompactionRequest.newBuilder().setRevision(target).setPhysical(true).build()))
                    .isInstanceOfSatisfying(StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED));
            pause(300);
            assertThat(kv.withDeadlineAfter(10, TimeUnit.SECONDS).put(PutRequest.newBuilder()
                    .setKey(ByteString.copyFromUtf8("after")).setValue(ByteString.copyFromUtf8("" + round)).build())
                    .getHeader().getRevision()).as("a put on the same connection after round %d", round)
                    .isGreaterThan(revision);
        }
    }

    private static long writeHistory(KVGrpc.KVBlockingStub kv, int txns, int keys) {
        return writeHistory(kv, txns, keys, 0);
    }

    /** Each txn puts {@code keys} keys, with values of {@code padding} more bytes than their txn's number. */
    private static long writeHistory(KVGrpc.KVBlockingStub kv, int txns, int keys, int padding) {
        String pad = "x".repeat(padding);
        long revision = 0;
        for (int t = 0; t < txns; t++) {
            TxnRequest.Builder txn = TxnRequest.newBuilder();
            for (int k = 0; k < keys; k++) {
                txn.addSuccess(RequestOp.newBuilder().setRequestPut(PutRequest.newBuilder()
                        .setKey(ByteString.copyFromUtf8("h/" + k)).setValue(ByteString.copyFromUtf8("v" + t + pad))));
            }
            revision = kv.withDeadlineAfter(10, TimeUnit.SECONDS).txn(txn.build()).getHeader().getRevision();
        }
        return revision;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void manyConcurrentWritesShareOneConnectionWithoutProtocolErrors() throws Exception {
        RevkvProcess store = servers.revkv("shared");
        KVGrpc.KVBlockingStub kv = KVGrpc.newBlockingStub(store.channel());
        java.util.List<java.util.concurrent.Future<Long>> writers = new java.util.ArrayList<>();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(16);
        try {
            for (int w = 0; w < 16; w++) {
                writers.add(pool.submit(() -> writeHistory(kv, 150, 5)));
            }
            for (java.util.concurrent.Future<Long> writer : writers) {
                assertThat(writer.get(120, TimeUnit.SECONDS)).isPositive();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aSlowReadAbandonedByItsDeadlineLeavesTheConnectionUsable() {
        RevkvProcess store = servers.revkv("slowread");
        KVGrpc.KVBlockingStub kv = KVGrpc.newBlockingStub(store.channel());
        // A megabyte per read, so that no machine answers it within the 1 ms deadline.
        long revision = writeHistory(kv, 20, 100, 10_000);
        io.revkv.proto.etcdserverpb.RangeRequest everything = io.revkv.proto.etcdserverpb.RangeRequest.newBuilder()
                .setKey(ByteString.copyFrom(new byte[] {0})).setRangeEnd(ByteString.copyFrom(new byte[] {0}))
                .build();
        for (int round = 0; round < 10; round++) {
            for (int revisionBack = 0; revisionBack < 5; revisionBack++) {
                io.revkv.proto.etcdserverpb.RangeRequest old = everything.toBuilder()
                        .setRevision(revision - revisionBack).build();
                assertThatThrownBy(() -> kv.withDeadlineAfter(1, TimeUnit.MILLISECONDS).range(old))
                        .isInstanceOf(StatusRuntimeException.class);
            }
            pause(200);
            assertThat(kv.withDeadlineAfter(10, TimeUnit.SECONDS).range(everything.toBuilder()
                    .setCountOnly(true).build()).getCount()).as("a read on the same connection, round %d", round)
                    .isEqualTo(100);
        }
    }

    @Test
    void readsAbandonedWhileTheMemberStartsLeaveTheConnectionUsable() {
        for (int attempt = 0; attempt < 3; attempt++) {
            RevkvProcess store = new RevkvProcess("starting" + attempt, java.nio.file.Path.of("target/compat/CancelledCallIT"));
            store.start();
            KVGrpc.KVBlockingStub kv = KVGrpc.newBlockingStub(store.channel());
            io.revkv.proto.etcdserverpb.RangeRequest probe = io.revkv.proto.etcdserverpb.RangeRequest.newBuilder()
                    .setKey(ByteString.copyFromUtf8("health")).build();
            boolean ready = false;
            for (int i = 0; i < 2000 && !ready; i++) {
                store.channel().resetConnectBackoff();
                try {
                    kv.withDeadlineAfter(20, TimeUnit.MILLISECONDS).range(probe);
                    ready = true;
                } catch (StatusRuntimeException e) {
                    pause(5);
                }
            }
            assertThat(ready).as("the member became ready").isTrue();
            writeHistory(kv, 50, 5);
            store.stop();
        }
    }
}
