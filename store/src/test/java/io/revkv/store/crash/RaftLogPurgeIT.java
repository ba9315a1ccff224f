package io.revkv.store.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.revkv.store.compat.RevkvProcess;
import io.revkv.store.compat.ServerProcesses;
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
 * Snapshots every {@code --snapshot-count} entries let Ratis purge its log, which is the store's only write-ahead
 * log: the log on disk shrinks below what was written, and a restart still serves every key.
 */
class RaftLogPurgeIT {

    private static final int PUTS = 2400;
    private static final int VALUE_BYTES = 8 * 1024;
    private static final Duration PURGE_BUDGET = Duration.ofSeconds(30);

    @RegisterExtension
    final ServerProcesses servers = new ServerProcesses();

    @Test
    void theLogIsPurgedBelowSnapshotsAndARestartServesEveryKey() throws Exception {
        RevkvProcess store = servers.revkv("purge", "--snapshot-count", "300");
        Map<String, String> written = putConcurrently(new StoreProbe(store.channel()), 8);

        RaftLogSegments.awaitPurge(store.dataDir(), PURGE_BUDGET);
        store.stop();
        assertThat(RaftLogSegments.of(store.dataDir()).bytes()).as("bytes left in the Raft log")
                .isLessThan((long) PUTS * VALUE_BYTES);

        store.startAndAwaitReady();
        assertThat(new StoreProbe(store.channel()).readPrefix("purge/", 0)).isEqualTo(written);
    }

    /** 2400 distinct keys of 8 KiB: about 20 MB of log, so over two 8 MB segments close and can go. */
    private static Map<String, String> putConcurrently(StoreProbe probe, int writers) throws Exception {
        Map<String, String> written = new HashMap<>();
        IntStream.range(0, PUTS).forEach(i -> written.put("purge/" + i, i + ":" + "p".repeat(VALUE_BYTES)));
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<CompletableFuture<Void>> puts = written.entrySet().stream()
                    .map(e -> CompletableFuture.runAsync(() -> probe.put(e.getKey(), e.getValue()), pool))
                    .toList();
            CompletableFuture.allOf(puts.toArray(CompletableFuture[]::new)).get();
        } finally {
            pool.shutdownNow();
        }
        return written;
    }
}
