package io.revkv.store.compat;

import static io.revkv.testing.Protos.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.revkv.proto.etcdserverpb.KVGrpc;
import io.revkv.proto.etcdserverpb.PutRequest;
import io.revkv.proto.etcdserverpb.RequestOp;
import io.revkv.proto.etcdserverpb.TxnRequest;
import io.revkv.proto.etcdserverpb.WatchCreateRequest;
import io.revkv.proto.etcdserverpb.WatchGrpc;
import io.revkv.proto.etcdserverpb.WatchRequest;
import io.revkv.proto.etcdserverpb.WatchResponse;
import io.revkv.proto.mvccpb.Event;
import io.revkv.testing.ServerProcess;
import io.revkv.testing.ServerProcesses;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A watcher that reads nothing while 100 000 puts commit (1 000 txns of 100 puts, from 4 concurrent writers):
 * the writers all complete although nothing drains the watch (gRPC flow control stops the server's sends, the
 * stream's outbox fills, the watcher falls back to catching up from disk), and once the client reads it receives
 * every event exactly once, in revision and sub order.
 */
class SlowWatcherIT {
    private static final int WRITERS = 4;
    private static final int TXNS_PER_WRITER = 250;
    private static final int PUTS_PER_TXN = 100;

    @RegisterExtension
    final ServerProcesses servers = new ServerProcesses();

    @Test
    void aWatcherThatReadsNothingNeverBlocksWritersAndLaterGetsEveryEventInOrder() throws Exception {
        ServerProcess revkv = servers.revkv("revkv");
        StalledClient client = new StalledClient();
        WatchGrpc.newStub(revkv.channel()).watch(client).onNext(WatchRequest.newBuilder().setCreateRequest(
                WatchCreateRequest.newBuilder().setKey(utf8("w/")).setRangeEnd(utf8("w0"))).build());
        client.requestOne();
        assertThat(client.next().getCreated()).isTrue();

        List<CompletableFuture<Void>> writers = IntStream.range(0, WRITERS)
                .mapToObj(w -> CompletableFuture.runAsync(() -> write(revkv, w))).toList();
        CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).get(45, TimeUnit.SECONDS);

        client.readEverything();
        List<Event> events = new ArrayList<>();
        while (events.size() < WRITERS * TXNS_PER_WRITER * PUTS_PER_TXN) {
            WatchResponse response = client.next();
            assertThat(response.getCanceled()).as("cancelled: %s", response.getCancelReason()).isFalse();
            events.addAll(response.getEventsList());
        }
        assertInOrderAndComplete(events);
        client.call.cancel("done", null);
    }

    private static void write(ServerProcess server, int writer) {
        KVGrpc.KVBlockingStub kv = KVGrpc.newBlockingStub(server.channel());
        for (int t = 0; t < TXNS_PER_WRITER; t++) {
            TxnRequest.Builder txn = TxnRequest.newBuilder();
            for (int p = 0; p < PUTS_PER_TXN; p++) {
                txn.addSuccess(RequestOp.newBuilder().setRequestPut(PutRequest.newBuilder()
                        .setKey(utf8("w/" + writer + "/" + p)).setValue(utf8(Integer.toString(t)))));
            }
            kv.txn(txn.build());
        }
    }

    /** Revisions 2..1001, each one txn: its 100 puts in sub order, one writer's txns in that writer's order. */
    private static void assertInOrderAndComplete(List<Event> events) {
        int[] nextTxnOfWriter = new int[WRITERS];
        for (int txn = 0; txn < WRITERS * TXNS_PER_WRITER; txn++) {
            List<Event> revision = events.subList(txn * PUTS_PER_TXN, (txn + 1) * PUTS_PER_TXN);
            String firstKey = revision.get(0).getKv().getKey().toStringUtf8();
            int writer = Integer.parseInt(firstKey.split("/")[1]);
            int expectedTxn = nextTxnOfWriter[writer]++;
            for (int p = 0; p < PUTS_PER_TXN; p++) {
                Event e = revision.get(p);
                assertThat(e.getKv().getModRevision()).as("event %d", txn * PUTS_PER_TXN + p).isEqualTo(txn + 2);
                assertThat(e.getKv().getKey().toStringUtf8()).isEqualTo("w/" + writer + "/" + p);
                assertThat(e.getKv().getValue().toStringUtf8()).isEqualTo(Integer.toString(expectedTxn));
            }
        }
        assertThat(nextTxnOfWriter).containsOnly(TXNS_PER_WRITER);
    }

    /** A client that asks for responses only when told to (manual gRPC flow control). */
    private static final class StalledClient implements ClientResponseObserver<WatchRequest, WatchResponse> {
        private final LinkedBlockingQueue<WatchResponse> received = new LinkedBlockingQueue<>();
        private ClientCallStreamObserver<WatchRequest> call;

        @Override
        public void beforeStart(ClientCallStreamObserver<WatchRequest> requestStream) {
            call = requestStream;
            requestStream.disableAutoRequestWithInitial(0);
        }

        void requestOne() {
            call.request(1);
        }

        void readEverything() {
            call.request(Integer.MAX_VALUE);
        }

        WatchResponse next() throws InterruptedException {
            WatchResponse response = received.poll(30, TimeUnit.SECONDS);
            assertThat(response).as("a response within 30 s").isNotNull();
            return response;
        }

        @Override
        public void onNext(WatchResponse response) {
            received.add(response);
        }

        @Override
        public void onError(Throwable t) {
        }

        @Override
        public void onCompleted() {
        }
    }
}
