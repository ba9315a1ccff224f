package io.revkv.store.compactor;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/** The real clock: one daemon thread runs the compactor's loop, so a slow compaction delays only the next tick. */
public final class SystemClock implements Clock {

    private static final Logger LOG = Logger.getLogger(SystemClock.class);

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "revkv-auto-compactor");
        thread.setDaemon(true);
        return thread;
    });

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public Scheduled every(Duration period, Runnable task) {
        long nanos = period.toNanos();
        var future = scheduler.scheduleWithFixedDelay(() -> runLogged(task), nanos, nanos, TimeUnit.NANOSECONDS);
        return () -> {
            future.cancel(false);
            scheduler.shutdown();
        };
    }

    /** A scheduled task that throws is never run again: log it and keep the loop alive. */
    private static void runLogged(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.errorf(e, "auto-compaction tick failed");
        }
    }
}
