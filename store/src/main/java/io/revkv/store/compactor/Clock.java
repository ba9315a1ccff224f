package io.revkv.store.compactor;

import java.time.Duration;

/** Time as the compactors see it; a fake one in tests makes their timelines exact and sleepless. */
public interface Clock {

    /** A monotonic reading in nanoseconds, only meaningful as a difference. */
    long nanoTime();

    /**
     * Runs {@code task} one {@code period} from now, then again one period after each run ends (fixed delay, the way
     * etcd's loops wait {@code clock.After(interval)} after each iteration), until cancelled.
     */
    Scheduled every(Duration period, Runnable task);

    /** A repeating task; cancelling it lets a run in progress finish and prevents the following ones. */
    @FunctionalInterface
    interface Scheduled {
        void cancel();
    }
}
