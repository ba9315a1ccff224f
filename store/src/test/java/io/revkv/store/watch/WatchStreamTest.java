package io.revkv.store.watch;

import static io.revkv.store.watch.WatchFixture.bytes;
import static io.revkv.store.watch.WatchFixture.describe;
import static io.revkv.store.watch.WatchFixture.watch;
import static org.assertj.core.api.Assertions.assertThat;

import io.revkv.proto.etcdserverpb.WatchResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The requests of one stream (contract §8.1): IDs, refusals, cancel, progress requests. */
class WatchStreamTest {
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

    @Test
    void autoIdsCountFromZeroPerStreamAndSkipIdsInUse() {
        f.put("a", "1");                                                  // rev 2
        stream.create(watch("a").build());
        stream.create(watch("a").setWatchId(2).build());
        stream.create(watch("a").build());
        stream.create(watch("a").build());

        assertThat(sink.next(4)).extracting(WatchResponse::getWatchId).containsExactly(0L, 2L, 1L, 3L);
    }

    @Test
    void theCreatedReplyCarriesTheCurrentRevision() {
        f.put("a", "1");
        WatchResponse created = createAndAwait(watch("a").build());
        assertThat(created.getCreated()).isTrue();
        assertThat(created.getCanceled()).isFalse();
        assertThat(created.getHeader().getRevision()).isEqualTo(2);
    }

    @Test
    void refusedCreatesAreCreatedAndCanceledWithIdMinusOneAndEtcdsReason() {
        f.put("a", "1");
        stream.create(watch("a").setWatchId(7).build());
        sink.next();

        assertRefused(watch("a").setWatchId(7).build(), "mvcc: duplicate watch ID provided on the WatchStream");
        assertRefused(watch("b").setRangeEnd(bytes("a")).build(), "mvcc: watcher range is empty");
        assertRefused(watch("b").setRangeEnd(bytes("b")).build(), "mvcc: watcher range is empty");
        assertRefused(watch("a").setStartRevision(-1).build(), "mvcc: required revision has been compacted");
    }

    private void assertRefused(io.revkv.proto.etcdserverpb.WatchCreateRequest request, String reason) {
        WatchResponse refused = createAndAwait(request);
        assertThat(refused.getCreated()).isTrue();
        assertThat(refused.getCanceled()).isTrue();
        assertThat(refused.getWatchId()).isEqualTo(-1);
        assertThat(refused.getCancelReason()).isEqualTo(reason);
        assertThat(refused.getHeader().getRevision()).isEqualTo(2);
    }

    @Test
    void anEmptyKeyIsTheZeroByteAndAZeroRangeEndMeansEveryKeyFromThere() throws InterruptedException {
        stream.create(watch("").setRangeEnd(bytes("\0")).build());
        stream.create(watch("m").setRangeEnd(bytes("\0")).build());
        sink.next(2);
        f.put("a", "1");
        f.put("z", "2");

        assertThat(sink.next(3)).extracting(r -> r.getWatchId() + " " + describe(r))
                .containsExactly("0 [PUT a=1@2]", "0 [PUT z=2@3]", "1 [PUT z=2@3]");
        sink.assertNothingWithin(200);
    }

    @Test
    void cancelIsAnsweredForAKnownIdAndNotAtAllForAnUnknownOne() throws InterruptedException {
        createAndAwait(watch("a").build());
        stream.cancel(5);
        stream.cancel(0);

        WatchResponse canceled = sink.next();
        assertThat(canceled.getWatchId()).isZero();
        assertThat(canceled.getCanceled()).isTrue();
        assertThat(canceled.getCancelReason()).isEmpty();
        f.put("a", "1");
        sink.assertNothingWithin(300);
    }

    @Test
    void aProgressRequestComesAfterTheQueuedEventsWithIdMinusOneAndTheCurrentRevision() {
        createAndAwait(watch("a").build());
        sink.ready = false;
        f.put("a", "1");
        f.put("a", "2");
        stream.requestProgress();
        sink.ready = true;
        stream.onReady();

        assertThat(sink.next(3)).extracting(r -> r.getWatchId() + " " + r.getHeader().getRevision() + " " + describe(r))
                .containsExactly("0 2 [PUT a=1@2]", "0 3 [PUT a=2@3]", "-1 3 []");
    }

    @Test
    void aProgressRequestIsDroppedWhileAWatcherWaitsForAFutureRevision() throws InterruptedException {
        createAndAwait(watch("a").setStartRevision(3).build());
        stream.requestProgress();
        sink.assertNothingWithin(300);

        f.put("b", "1");                                                  // rev 2: still before 3
        stream.requestProgress();
        sink.assertNothingWithin(300);

        f.put("b", "2");                                                  // rev 3 reached
        stream.requestProgress();
        WatchResponse progress = sink.next();
        assertThat(progress.getWatchId()).isEqualTo(-1);
        assertThat(progress.getHeader().getRevision()).isEqualTo(3);
    }

    /** A client that stops reading fills its 128 responses; its watcher drops out of the synced group. */
    @Test
    void aProgressRequestIsDroppedWhileAWatcherCatchesUp() throws InterruptedException {
        createAndAwait(watch("a").build());
        sink.ready = false;
        for (int i = 0; i < 130; i++) {
            f.put("a", "v" + i);                                          // revs 2..131
        }
        stream.requestProgress();
        sink.ready = true;
        stream.onReady();

        java.util.List<String> events = new java.util.ArrayList<>();
        while (events.size() < 130) {
            WatchResponse r = sink.next();
            assertThat(r.getEventsCount()).as("no progress response: %s", r).isPositive();
            events.addAll(describe(r));
        }
        assertThat(events).containsExactlyElementsOf(java.util.stream.IntStream.range(0, 130)
                .mapToObj(i -> "PUT a=v" + i + "@" + (i + 2)).toList());
        sink.assertNothingWithin(300);
    }

    @Test
    void aProgressRequestOnAStreamWithoutWatchersSendsNothing() throws InterruptedException {
        stream.requestProgress();
        sink.assertNothingWithin(300);
    }

    @Test
    void progressNotifyWatchersHearTheRevisionOnEachTickUnlessTheyJustGotEvents(@TempDir Path other)
            throws InterruptedException {
        try (WatchFixture fast = new WatchFixture(other, Duration.ofMillis(200))) {
            RecordingSink client = new RecordingSink();
            WatchStream s = fast.store.openStream(client);
            s.create(watch("a").setProgressNotify(true).build());
            s.create(watch("b").build());
            client.next(2);
            WatchResponse progress = client.next();
            assertThat(progress.getWatchId()).isZero();
            assertThat(progress.getEventsCount()).isZero();
            assertThat(progress.getHeader().getRevision()).isEqualTo(1);
            fast.put("a", "1");
            assertThat(describe(client.next())).containsExactly("PUT a=1@2");
            WatchResponse later = client.next();
            assertThat(later.getEventsCount()).isZero();
            assertThat(later.getHeader().getRevision()).isEqualTo(2);
            s.close();
            client.assertNothingWithin(500);
        }
    }

    @Test
    void aClosedStreamsWatchersGetNothingMore() throws InterruptedException {
        createAndAwait(watch("a").build());
        stream.close();
        f.put("a", "1");
        sink.assertNothingWithin(300);
    }

    private WatchResponse createAndAwait(io.revkv.proto.etcdserverpb.WatchCreateRequest request) {
        stream.create(request);
        return sink.next();
    }
}
