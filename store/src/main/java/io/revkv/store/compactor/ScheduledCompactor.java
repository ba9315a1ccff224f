package io.revkv.store.compactor;

import java.time.Duration;

/**
 * The lifecycle both compactors share: one loop on the clock's scheduler, paused and resumed on leadership changes,
 * stopped for good. A mode only decides what one tick does.
 */
abstract class ScheduledCompactor implements Compactor {

    protected final Clock clock;
    private volatile boolean paused;
    private Clock.Scheduled loop;

    protected ScheduledCompactor(Clock clock) {
        this.clock = clock;
    }

    /** Starts calling {@code tick} every {@code period}; called once, from {@link #run()}. */
    protected final synchronized void schedule(Duration period, Runnable tick) {
        loop = clock.every(period, tick);
    }

    protected final boolean paused() {
        return paused;
    }

    @Override
    public final void pause() {
        paused = true;
    }

    @Override
    public final void resume() {
        paused = false;
    }

    @Override
    public final synchronized void stop() {
        if (loop != null) {
            loop.cancel();
            loop = null;
        }
    }
}
