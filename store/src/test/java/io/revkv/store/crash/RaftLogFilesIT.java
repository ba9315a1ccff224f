package io.revkv.store.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.revkv.testing.RevkvProcess;
import io.revkv.testing.ServerProcesses;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Raft log's files, the store's only write-ahead log. Snapshots every {@code --snapshot-count} requests, and the
 * one a clean stop takes, let Ratis purge it: the log on disk shrinks below what was written, and a restart still
 * serves every key. The segment being written is filled only a little ahead of its entries.
 */
class RaftLogFilesIT {

    private static final int PUTS = 2400;
    private static final int VALUE_BYTES = 8 * 1024;
    /** Fewer entries than Ratis' default purge gap (1024) could ever wait for, in the same 20 MB of log. */
    private static final int LARGE_PUTS = 600;
    private static final int LARGE_VALUE_BYTES = 32 * 1024;
    /** One open 8 MB segment and a little: what a log purged up to its last entry may keep. */
    private static final long ONE_SEGMENT = 9L << 20;
    private static final Duration PURGE_BUDGET = Duration.ofSeconds(30);

    @RegisterExtension
    final ServerProcesses servers = new ServerProcesses();

    @Test
    void theLogIsPurgedBelowSnapshotsAndARestartServesEveryKey() throws Exception {
        RevkvProcess store = servers.revkv("purge", "--snapshot-count", "300");
        Map<String, String> written = putConcurrently(new StoreProbe(store.channel()), 8, PUTS, VALUE_BYTES);

        RaftLogSegments.awaitPurge(store.dataDir(), PURGE_BUDGET);
        store.stop();
        assertThat(RaftLogSegments.of(store.dataDir()).bytes()).as("bytes left in the Raft log")
                .isLessThan((long) PUTS * VALUE_BYTES);

        store.startAndAwaitReady();
        assertThat(new StoreProbe(store.channel()).readPrefix("purge/", 0)).isEqualTo(written);
    }

    /**
     * A clean stop takes a snapshot, and the log goes with it: the next start reads one segment, not every entry
     * written since the last {@code --snapshot-count} (here none was due: the default is 100 000 requests).
     */
    @Test
    void aCleanStopPurgesTheLogBelowItsLastEntry() throws Exception {
        RevkvProcess store = servers.revkv("stop");
        Map<String, String> written = putConcurrently(new StoreProbe(store.channel()), 8, LARGE_PUTS,
                LARGE_VALUE_BYTES);
        assertThat(RaftLogSegments.of(store.dataDir()).bytes()).as("bytes in the Raft log before the stop")
                .isGreaterThan(2 * ONE_SEGMENT);

        store.stop();
        assertThat(RaftLogSegments.of(store.dataDir()).bytes()).as("bytes left in the Raft log")
                .isLessThan(ONE_SEGMENT);

        store.startAndAwaitReady();
        assertThat(new StoreProbe(store.channel()).readPrefix("purge/", 0)).isEqualTo(written);
    }

    /**
     * Ratis fills the log ahead of its last entry with zeros, and the next fsync writes the fill: 64 KB a time, not
     * Ratis' 4 MB, which stalled every append for about 10 ms when a segment started and halfway through it.
     */
    @Test
    void theOpenSegmentIsFilledOnlyALittleAheadOfItsEntries() throws Exception {
        RevkvProcess store = servers.revkv("fill");
        new StoreProbe(store.channel()).put("fill/0", "x");

        assertThat(RaftLogSegments.of(store.dataDir()).openSegmentBytes()).as("bytes of the open segment")
                .isPositive().isLessThanOrEqualTo(128 << 10);
    }

    /** {@code puts} distinct keys with values of {@code valueBytes}: 20 MB of log, so two 8 MB segments close. */
    private static Map<String, String> putConcurrently(StoreProbe probe, int writers, int puts, int valueBytes)
            throws Exception {
        Map<String, String> written = new HashMap<>();
        IntStream.range(0, puts).forEach(i -> written.put("purge/" + i, i + ":" + "p".repeat(valueBytes)));
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<CompletableFuture<Void>> sent = written.entrySet().stream()
                    .map(e -> CompletableFuture.runAsync(() -> probe.put(e.getKey(), e.getValue()), pool))
                    .toList();
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get();
        } finally {
            pool.shutdownNow();
        }
        return written;
    }
}
