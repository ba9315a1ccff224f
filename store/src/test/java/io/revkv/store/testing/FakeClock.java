package io.revkv.store.testing;

import io.revkv.store.lease.Clock;
import java.time.Duration;

/** A clock that moves only when a test says so. Starts at an arbitrary non-zero time, as a monotonic clock may. */
public final class FakeClock implements Clock {

    private long now = 1_000_000;

    @Override
    public synchronized long millis() {
        return now;
    }

    public synchronized void advance(Duration by) {
        now += by.toMillis();
    }
}
