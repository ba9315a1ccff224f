package io.revkv.bench.report;

import io.revkv.bench.load.SampleSink;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** A {@link SampleSink} that keeps the latencies of successful requests and counts the failed ones. */
public final class LatencyHistogram implements SampleSink {
    /** Three significant digits, values auto-resized: exact enough for percentiles from microseconds to minutes. */
    private final Histogram nanos = new ConcurrentHistogram(3);
    private final AtomicLong errors = new AtomicLong();

    @Override
    public void record(long dueNanos, long latencyNanos, boolean ok) {
        if (ok) {
            nanos.recordValue(latencyNanos);
        } else {
            errors.incrementAndGet();
        }
    }

    public Stats stats(double seconds) {
        return Stats.of(nanos.copy(), errors.get(), seconds);
    }

    /** Successful requests so far. */
    public long count() {
        return nanos.getTotalCount();
    }
}
