package io.revkv.store.watch;

import java.time.Duration;

/**
 * Tuning of the watchable store.
 *
 * @param progressInterval etcd's {@code --experimental-watch-progress-notify-interval}, at least 100 ms
 * @param fragmentBytes    responses of at least this size, with two events or more, are split for watchers that
 *                         asked for fragments: etcd uses max-request-bytes plus its 512 KiB gRPC overhead
 * @param streamCapacity   responses a stream holds for a client that does not read before its watchers drop out of
 *                         the synced group (etcd's channel buffer, 128)
 * @param syncInterval     how often unsynced watchers are caught up when nothing wakes the loop (etcd: 100 ms)
 */
public record WatchSettings(Duration progressInterval, int fragmentBytes, int streamCapacity, Duration syncInterval) {
    static final Duration MIN_PROGRESS_INTERVAL = Duration.ofMillis(100);
    private static final int GRPC_OVERHEAD_BYTES = 512 * 1024;

    public WatchSettings {
        if (progressInterval.compareTo(MIN_PROGRESS_INTERVAL) < 0) {
            progressInterval = MIN_PROGRESS_INTERVAL;
        }
    }

    /** etcd's values for the given flags. */
    public static WatchSettings of(Duration progressInterval, int maxRequestBytes) {
        return new WatchSettings(progressInterval, maxRequestBytes + GRPC_OVERHEAD_BYTES, 128,
                Duration.ofMillis(100));
    }
}
