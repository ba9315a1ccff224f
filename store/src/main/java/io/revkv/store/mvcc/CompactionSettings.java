package io.revkv.store.mvcc;

import java.time.Duration;

/**
 * How the background disk deletion of a compaction paces itself (etcd 3.6's {@code --compaction-batch-limit} and
 * {@code --compaction-sleep-interval}): it deletes in batches of {@code batchLimit} records and sleeps
 * {@code sleepInterval} after each full batch, so that a big compaction never hogs the disk.
 */
public record CompactionSettings(int batchLimit, Duration sleepInterval) {
    public static final CompactionSettings DEFAULT = new CompactionSettings(1000, Duration.ofMillis(10));

    public CompactionSettings {
        if (batchLimit <= 0) {
            throw new IllegalArgumentException("compaction batch limit must be positive, got " + batchLimit);
        }
        if (sleepInterval.isNegative()) {
            throw new IllegalArgumentException("compaction sleep interval must not be negative: " + sleepInterval);
        }
    }
}
