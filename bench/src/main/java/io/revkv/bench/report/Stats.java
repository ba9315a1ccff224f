package io.revkv.bench.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.HdrHistogram.Histogram;

/**
 * The numbers of one measured section: counts, throughput and latency percentiles in milliseconds.
 *
 * @param count      successful requests
 * @param errors     failed requests
 * @param seconds    wall time of the section
 * @param throughput successful requests per second
 */
public record Stats(long count, long errors, double seconds, double throughput, double meanMs, double p50Ms,
                    double p90Ms, double p99Ms, @JsonProperty("p999Ms") double p999Ms, double maxMs) {

    private static final double NANOS_PER_MS = 1e6;

    /** From a histogram of latencies in nanoseconds. */
    public static Stats of(Histogram nanos, long errors, double seconds) {
        long count = nanos.getTotalCount();
        return new Stats(count, errors, seconds, seconds > 0 ? count / seconds : 0,
                ms(nanos.getMean()), ms(nanos.getValueAtPercentile(50)), ms(nanos.getValueAtPercentile(90)),
                ms(nanos.getValueAtPercentile(99)), ms(nanos.getValueAtPercentile(99.9)),
                ms(nanos.getMaxValue()));
    }

    /** The same latencies over another wall time (throughput follows). */
    public Stats withSeconds(double wall) {
        return new Stats(count, errors, wall, wall > 0 ? count / wall : 0, meanMs, p50Ms, p90Ms, p99Ms, p999Ms, maxMs);
    }

    private static double ms(double nanos) {
        return Math.round(nanos / NANOS_PER_MS * 1000) / 1000.0;
    }
}
