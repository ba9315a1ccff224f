package io.revkv.store.lease;

/**
 * The lessor's time source: monotonic milliseconds, only ever compared with each other. Injected so that tests drive
 * expiry with a fake clock instead of sleeping.
 */
@FunctionalInterface
public interface Clock {

    /** Wall-clock jumps (NTP, a changed system time) must not expire or extend leases, hence nanoTime. */
    Clock SYSTEM = () -> System.nanoTime() / 1_000_000;

    long millis();
}
