package io.revkv.bench.report;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/** Prints a progress line every second while a run goes on: elapsed time, requests done, rate over the last second. */
public final class Progress implements AutoCloseable {
    private final ScheduledExecutorService timer;

    private Progress(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /** Starts printing to {@code out}; {@code enabled} false gives a progress that prints nothing. */
    public static Progress start(String name, LongSupplier done, LongSupplier errors, PrintStream out,
                                 boolean enabled) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-progress");
            t.setDaemon(true);
            return t;
        });
        if (enabled) {
            long start = System.nanoTime();
            long[] last = {0};
            timer.scheduleAtFixedRate(() -> {
                long now = done.getAsLong();
                out.println(line(name, (System.nanoTime() - start) / 1e9, now, now - last[0], errors.getAsLong()));
                last[0] = now;
            }, 1, 1, TimeUnit.SECONDS);
        }
        return new Progress(timer);
    }

    static String line(String name, double elapsed, long done, long lastSecond, long errors) {
        return String.format(Locale.ROOT, "%s %6.1fs %10d req %8d req/s %6d errors", name, elapsed, done,
                lastSecond, errors);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
