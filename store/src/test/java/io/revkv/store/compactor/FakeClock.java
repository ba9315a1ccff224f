package io.revkv.store.compactor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A clock that moves only when told to, running due tasks on the caller's thread in time order. */
final class FakeClock implements Clock {

    private final List<Task> tasks = new ArrayList<>();
    private long now;

    private static final class Task {
        final long period;
        final Runnable runnable;
        long due;
        boolean cancelled;

        Task(long period, Runnable runnable, long due) {
            this.period = period;
            this.runnable = runnable;
            this.due = due;
        }
    }

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public Scheduled every(Duration period, Runnable task) {
        Task t = new Task(period.toNanos(), task, now + period.toNanos());
        tasks.add(t);
        return () -> t.cancelled = true;
    }

    /** Moves time forward by {@code by}, running every task that falls due on the way, at its due time. */
    void advance(Duration by) {
        long target = now + by.toNanos();
        while (true) {
            Task next = tasks.stream().filter(t -> !t.cancelled && t.due <= target)
                    .min(Comparator.comparingLong(t -> t.due)).orElse(null);
            if (next == null) {
                break;
            }
            now = next.due;
            next.runnable.run();
            next.due = now + next.period;
        }
        now = target;
    }

    Duration elapsed() {
        return Duration.ofNanos(now);
    }
}
