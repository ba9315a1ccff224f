package io.revkv.bench.report;

import io.revkv.bench.load.SampleSink;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * A {@link SampleSink} that keeps every sample with its due time, so that a scenario can cut the run into windows
 * after the fact (before, during and after a compaction or a defragmentation, whose end is known only later).
 * Sized for paced probes: 16 bytes a request.
 */
public final class TimedSamples implements SampleSink {
    private long[] due = new long[4096];
    private long[] latency = new long[4096];
    private boolean[] ok = new boolean[4096];
    private int size;

    @Override
    public synchronized void record(long dueNanos, long latencyNanos, boolean success) {
        if (size == due.length) {
            due = Arrays.copyOf(due, size * 2);
            latency = Arrays.copyOf(latency, size * 2);
            ok = Arrays.copyOf(ok, size * 2);
        }
        due[size] = dueNanos;
        latency[size] = latencyNanos;
        ok[size] = success;
        size++;
    }

    /** Stats of the requests due in {@code [fromNanos, toNanos)}; throughput over that window. */
    public Stats window(long fromNanos, long toNanos) {
        return stats(true, fromNanos, toNanos, Math.max(0, toNanos - fromNanos) / 1e9);
    }

    /**
     * Stats of the requests due before {@code fromNanos} or from {@code toNanos} on: a run without the window of a
     * maintenance call; throughput over the time they were due in.
     */
    public synchronized Stats outside(long fromNanos, long toNanos) {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (int i = 0; i < size; i++) {
            first = Math.min(first, due[i]);
            last = Math.max(last, due[i]);
        }
        double seconds = size == 0 ? 0
                : (Math.max(0, Math.min(last, fromNanos) - first) + Math.max(0, last - Math.max(first, toNanos))) / 1e9;
        return stats(false, fromNanos, toNanos, seconds);
    }

    private synchronized Stats stats(boolean inside, long fromNanos, long toNanos, double seconds) {
        Histogram nanos = new Histogram(3);
        long errors = 0;
        for (int i = 0; i < size; i++) {
            if ((due[i] >= fromNanos && due[i] < toNanos) == inside) {
                if (ok[i]) {
                    nanos.recordValue(latency[i]);
                } else {
                    errors++;
                }
            }
        }
        return Stats.of(nanos, errors, seconds);
    }

    /**
     * Writes every sample as a CSV line {@code due_epoch_ms,latency_ms,ok}, in the order the requests completed: to
     * see when a tail happened, and line it up with a server's GC or application log, not only how long it was.
     */
    public synchronized void writeCsv(Path file) throws IOException {
        double epochMsAtNanoZero = System.currentTimeMillis() - System.nanoTime() / 1e6;
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file))) {
            out.println("due_epoch_ms,latency_ms,ok");
            for (int i = 0; i < size; i++) {
                out.printf(Locale.ROOT, "%.3f,%.3f,%b%n", epochMsAtNanoZero + due[i] / 1e6, latency[i] / 1e6, ok[i]);
            }
        }
    }

    /** The writes' view of an outage that began at {@code outageNanos}, up to {@code endNanos}. */
    public synchronized WriteGaps gaps(long outageNanos, long endNanos) {
        long[] done = new long[size];
        for (int i = 0; i < size; i++) {
            done[i] = due[i] + latency[i];
        }
        return WriteGaps.of(due, done, ok, size, outageNanos, endNanos);
    }

    /** Stats of every request. */
    public Stats all(double seconds) {
        return window(Long.MIN_VALUE, Long.MAX_VALUE).withSeconds(seconds);
    }
}
