package io.revkv.bench.load;

/**
 * When each request is due. With a rate, request {@code seq} is due at {@code start + seq / rate} whatever happened
 * to the requests before it, and its latency is measured from that due time: a server that stalls for a second
 * makes every request due in that second late, instead of just the one in flight (no coordinated omission).
 * Without a rate a request is due when a client is free to send it, and latency is the plain round trip.
 */
public final class RateSchedule {
    private final long startNanos;
    private final double nanosPerRequest;

    private RateSchedule(long startNanos, double rate) {
        this.startNanos = startNanos;
        this.nanosPerRequest = rate > 0 ? 1e9 / rate : 0;
    }

    /** {@code rate} requests per second from {@code startNanos} ({@link System#nanoTime()} scale); 0 = unpaced. */
    public static RateSchedule of(long startNanos, double rate) {
        return new RateSchedule(startNanos, rate);
    }

    public boolean paced() {
        return nanosPerRequest > 0;
    }

    /** The due time of request {@code seq}, or {@code nowNanos} when unpaced. */
    public long dueNanos(long seq, long nowNanos) {
        return paced() ? startNanos + (long) (seq * nanosPerRequest) : nowNanos;
    }

    /** Latency of a request completed at {@code doneNanos} that was due at {@code dueNanos}. */
    public static long latencyNanos(long dueNanos, long doneNanos) {
        return Math.max(0, doneNanos - dueNanos);
    }

    public long startNanos() {
        return startNanos;
    }
}
