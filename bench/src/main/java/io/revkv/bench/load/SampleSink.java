package io.revkv.bench.load;

/** Receives every completed request of a run; called concurrently by the clients. */
@FunctionalInterface
public interface SampleSink {
    /**
     * @param dueNanos     when the request was due ({@link RateSchedule}), {@link System#nanoTime()} scale
     * @param latencyNanos from due time to completion
     * @param ok           false when the request failed
     */
    void record(long dueNanos, long latencyNanos, boolean ok);
}
