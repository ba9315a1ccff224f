package io.revkv.store.mvcc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.revkv.proto.mvccpb.KeyValue;
import io.revkv.store.errors.EtcdError;
import io.revkv.store.failpoint.FailpointAction;
import io.revkv.store.failpoint.FailpointException;
import io.revkv.store.failpoint.Failpoints;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A compaction interrupted in each of its crash windows (an in-process crash: the failpoint throws, the store is
 * closed and reopened from the same directory) resumes on open and ends exactly like an uninterrupted one.
 */
class CompactionCrashTest {
    /** Small batches, so that the history below spans several of them. */
    static final CompactionSettings SMALL_BATCHES = new CompactionSettings(10, Duration.ofMillis(1));
    static final long COMPACT_AT = 60;

    @TempDir
    Path dir;
    @TempDir
    Path controlDir;

    @AfterEach
    void disarm() {
        Failpoints.disableAll();
    }

    /** 8 keys rewritten over and over, some deleted on the way, 100 revisions in all. */
    static void writeHistory(StoreHarness h) {
        for (int i = 0; h.store().currentRevision() < 100; i++) {
            String key = "k" + (i % 8);
            if (i % 11 == 10) {
                h.delete(key);
            } else {
                h.put(key, "v" + i);
            }
        }
    }

    static List<List<KeyValue>> snapshotsFrom(StoreHarness h, long from) {
        List<List<KeyValue>> views = new ArrayList<>();
        for (long rev = from; rev <= h.store().currentRevision(); rev++) {
            views.add(h.all(rev));
        }
        return views;
    }

    /** The same history compacted without a crash: the backend it leaves is what a resumed compaction must leave. */
    private long controlHash() {
        try (StoreHarness control = new StoreHarness(controlDir, SMALL_BATCHES)) {
            writeHistory(control);
            control.compact(COMPACT_AT);
            return control.store().hash();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {CompactionJob.AFTER_SCHEDULED, CompactionJob.BETWEEN_BATCHES,
                            CompactionJob.BEFORE_FINISHED})
    void anInterruptedCompactionResumesOnReopen(String failpoint) {
        try (StoreHarness h = new StoreHarness(dir, SMALL_BATCHES)) {
            writeHistory(h);
            List<List<KeyValue>> before = snapshotsFrom(h, COMPACT_AT);
            Failpoints.enable(failpoint, FailpointAction.THROW);
            CompletableFuture<Void> crashed = h.store().compact(COMPACT_AT, 1000);
            assertThatThrownBy(crashed::join).isInstanceOf(CompletionException.class)
                    .hasCauseInstanceOf(FailpointException.class);
            assertThat(h.store().compactRevision()).isEqualTo(COMPACT_AT);
            assertThat(snapshotsFrom(h, COMPACT_AT)).isEqualTo(before);
            Failpoints.disableAll();

            h.reopen();
            h.store().lastCompaction().join();

            assertThat(h.store().currentRevision()).isEqualTo(100);
            assertThat(h.store().compactRevision()).isEqualTo(COMPACT_AT);
            assertThat(snapshotsFrom(h, COMPACT_AT)).isEqualTo(before);
            assertThatThrownBy(() -> h.all(COMPACT_AT - 1)).matches(EtcdError.COMPACTED::matches);
            assertThat(h.store().hash()).isEqualTo(controlHash());
        }
    }

    @Test
    void aFinishedCompactionIsNotResumed() {
        try (StoreHarness h = new StoreHarness(dir, SMALL_BATCHES)) {
            writeHistory(h);
            h.compact(COMPACT_AT);
            Failpoints.enable(CompactionJob.AFTER_SCHEDULED, FailpointAction.THROW);
            h.reopen();
            h.store().lastCompaction().join();
            assertThat(h.store().compactRevision()).isEqualTo(COMPACT_AT);
        }
    }

    @Test
    void closingMidCompactionStopsBetweenBatchesAndReopeningFinishesIt() {
        CompactionSettings slow = new CompactionSettings(10, Duration.ofSeconds(5));
        try (StoreHarness h = new StoreHarness(dir, slow)) {
            writeHistory(h);
            List<List<KeyValue>> before = snapshotsFrom(h, COMPACT_AT);
            CompletableFuture<Void> stopped = h.store().compact(COMPACT_AT, 1000);
            long start = System.nanoTime();
            h.store().close();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
            assertThat(stopped).isCompletedExceptionally();

            h.reopen();
            assertThat(h.store().compactRevision()).isEqualTo(COMPACT_AT);
            assertThat(snapshotsFrom(h, COMPACT_AT)).isEqualTo(before);
        }
    }
}
