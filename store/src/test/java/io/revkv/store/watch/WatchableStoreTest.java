package io.revkv.store.watch;

import static io.revkv.store.watch.WatchFixture.bytes;
import static io.revkv.store.watch.WatchFixture.describe;
import static io.revkv.store.watch.WatchFixture.watch;
import static io.revkv.store.watch.WatchFixture.watchAll;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.revkv.proto.etcdserverpb.WatchCreateRequest;
import io.revkv.proto.etcdserverpb.WatchResponse;
import io.revkv.proto.mvccpb.Event;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Synced and unsynced watchers over a real store (contract §8.2, §4.5): batching, catch-up, compaction. */
class WatchableStoreTest {
    @TempDir
    Path dir;
    WatchFixture f;
    RecordingSink sink = new RecordingSink();
    WatchStream stream;

    @BeforeEach
    void open() {
        f = new WatchFixture(dir);
        stream = f.store.openStream(sink);
    }

    @AfterEach
    void close() {
        stream.close();
        f.close();
    }

    private void create(WatchCreateRequest.Builder request) {
        stream.create(request.build());
        assertThat(sink.next().getCreated()).isTrue();
    }

    @Test
    void theEventsOfOneTxnArriveInOneResponseInSubOrder() {
        f.put("w/1", "x");                                                 // 2
        create(watch("w/").setRangeEnd(bytes("w0")));
        long rev = f.txn(t -> {                                            // 3
            t.put(bytes("w/2"), bytes("a"), 0);
            t.deleteRange(bytes("w/1"), ByteString.EMPTY);
            t.put(bytes("w/0"), bytes("b"), 0);
            t.put(bytes("other"), bytes("c"), 0);
        });
        WatchResponse response = sink.next();
        assertThat(describe(response)).containsExactly("PUT w/2=a@3", "DELETE w/1@3", "PUT w/0=b@3");
        assertThat(response.getHeader().getRevision()).isEqualTo(rev);
    }

    @Test
    void aDeleteEventsKvHoldsOnlyKeyAndModRevision() {
        f.put("a", "1");
        create(watch("a"));
        f.delete("a");
        Event delete = sink.next().getEvents(0);
        assertThat(delete.getKv()).isEqualTo(io.revkv.proto.mvccpb.KeyValue.newBuilder()
                .setKey(bytes("a")).setModRevision(3).build());
    }

    @Test
    void filtersDropEventsAndAResponseLeftEmptyIsNotSent() throws InterruptedException {
        create(watch("a").addFilters(WatchCreateRequest.FilterType.NOPUT));
        f.put("a", "1");
        f.delete("a");
        assertThat(describe(sink.next())).containsExactly("DELETE a@3");
        sink.assertNothingWithin(200);
    }

    @Test
    void prevKvIsTheRecordBeforeTheEventAndAbsentForCreations() {
        create(watch("a").setPrevKv(true));
        f.put("a", "1");                                                   // 2: a creation
        f.put("a", "2");                                                   // 3
        f.delete("a");                                                     // 4
        f.put("a", "3");                                                   // 5: a new generation
        List<Event> events = sink.next(4).stream().map(r -> r.getEvents(0)).toList();
        assertThat(events).extracting(e -> e.hasPrevKv() ? e.getPrevKv().getValue().toStringUtf8() : "-")
                .containsExactly("-", "1", "2", "-");
        assertThat(events.get(2).getPrevKv().getModRevision()).isEqualTo(3);
    }

    @Test
    void prevKvIsAbsentWhenItsRevisionWasCompacted() {
        f.put("a", "1");                                                   // 2
        f.put("a", "2");                                                   // 3
        f.put("a", "3");                                                   // 4
        f.compact(4);
        create(watch("a").setPrevKv(true).setStartRevision(4));
        Event event = sink.next().getEvents(0);
        assertThat(describe(event)).isEqualTo("PUT a=3@4");
        assertThat(event.hasPrevKv()).isFalse();
    }

    @Test
    void aWatcherFromAnOldRevisionReplaysHistoryThenGetsLiveEvents() {
        for (int i = 0; i < 5; i++) {
            f.put("k" + i, "v" + i);                                       // 2..6
        }
        create(watch("k0").setRangeEnd(bytes("k9")).setStartRevision(3));
        WatchResponse replay = sink.next();
        assertThat(describe(replay)).containsExactly("PUT k1=v1@3", "PUT k2=v2@4", "PUT k3=v3@5", "PUT k4=v4@6");
        assertThat(replay.getHeader().getRevision()).isEqualTo(6);
        f.put("k5", "v5");
        assertThat(describe(sink.next())).containsExactly("PUT k5=v5@7");
    }

    @Test
    void catchUpSendsAtMostAThousandRevisionsPerResponseWithTheCurrentRevisionInTheHeader() {
        int writes = 2500;
        for (int i = 0; i < writes; i++) {
            f.put("k", Integer.toString(i));                               // 2..2501
        }
        create(watchAll().setStartRevision(2));
        List<WatchResponse> responses = new ArrayList<>();
        List<Long> revisions = new ArrayList<>();
        while (revisions.size() < writes) {
            WatchResponse r = sink.next();
            responses.add(r);
            r.getEventsList().forEach(e -> revisions.add(e.getKv().getModRevision()));
        }
        assertThat(revisions).containsExactlyElementsOf(IntStream.rangeClosed(2, writes + 1).mapToObj(Long::valueOf)
                .toList());
        assertThat(responses).allSatisfy(r -> {
            assertThat(r.getEventsCount()).isLessThanOrEqualTo(CatchUp.MAX_REVISIONS);
            assertThat(r.getHeader().getRevision()).isEqualTo(writes + 1);
        });
    }

    @Test
    void aWatcherBelowTheCompactRevisionIsCancelledWithItAndHeaderRevisionZero() throws InterruptedException {
        f.put("a", "1");                                                   // 2
        f.put("a", "2");                                                   // 3
        f.put("a", "3");                                                   // 4
        f.compact(3);
        create(watch("a").setStartRevision(2));
        WatchResponse cancel = sink.next();
        assertThat(cancel.getCanceled()).isTrue();
        assertThat(cancel.getCompactRevision()).isEqualTo(3);
        assertThat(cancel.getCancelReason()).isEmpty();
        assertThat(cancel.getHeader().getRevision()).isZero();
        assertThat(cancel.getWatchId()).isZero();
        f.put("a", "4");
        sink.assertNothingWithin(300);
    }

    @Test
    void aWatcherFromExactlyTheCompactRevisionSeesTheTombstoneThere() {
        f.put("a", "1");                                                   // 2
        f.delete("a");                                                     // 3
        f.put("b", "1");                                                   // 4
        f.compact(3);
        create(watchAll().setStartRevision(3));
        assertThat(describe(sink.next())).containsExactly("DELETE a@3", "PUT b=1@4");
    }

    @Test
    void syncedWatchersAreNotAffectedByCompaction() {
        create(watch("a"));
        f.put("a", "1");
        f.put("a", "2");
        sink.next(2);
        f.compact(3);
        f.put("a", "3");
        assertThat(describe(sink.next())).containsExactly("PUT a=3@4");
    }

    @Test
    void aFutureWatcherGetsNothingBelowItsStartRevision() {
        f.put("a", "0");                                                   // 2
        create(watch("a").setStartRevision(4));
        f.put("a", "1");                                                   // 3
        f.put("a", "2");                                                   // 4
        f.put("a", "3");                                                   // 5
        assertThat(sink.next(2)).extracting(r -> describe(r).get(0)).containsExactly("PUT a=2@4", "PUT a=3@5");
    }

    /**
     * A client that reads nothing while thousands of txns commit: the writer never waits (it could not finish
     * otherwise: nothing drains the stream), and once the client reads it gets every event once, in order.
     */
    @Test
    void aStalledClientNeverBlocksTheWriterAndLosesNothing() {
        create(watchAll());
        sink.ready = false;
        int txns = 2000;
        int putsPerTxn = 10;
        for (int t = 0; t < txns; t++) {
            int txn = t;
            f.txn(w -> IntStream.range(0, putsPerTxn)
                    .forEach(p -> w.put(bytes("k" + p), bytes(txn + "/" + p), 0)));
        }
        assertThat(sink.pending()).isZero();
        sink.ready = true;
        stream.onReady();

        List<String> received = new ArrayList<>();
        while (received.size() < txns * putsPerTxn) {
            sink.next().getEventsList().forEach(e -> received.add(describe(e)));
        }
        List<String> expected = new ArrayList<>();
        for (int t = 0; t < txns; t++) {
            for (int p = 0; p < putsPerTxn; p++) {
                expected.add("PUT k" + p + "=" + t + "/" + p + "@" + (t + 2));
            }
        }
        assertThat(received).containsExactlyElementsOf(expected);
    }
}
