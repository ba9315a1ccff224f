package io.revkv.bench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs one {@link Operation} from {@link Plan#clients()} threads until the plan's total or duration is reached or
 * {@link #stop()} is called, pacing requests with a {@link RateSchedule}. Requests are numbered in one sequence
 * shared by all clients, so a rate holds over all of them.
 */
public final class LoadRunner {
    private final Plan plan;
    private final Operation operation;
    private final SampleSink sink;
    private final AtomicLong nextSeq = new AtomicLong();
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private volatile boolean stopped;
    private volatile Throwable firstError;

    public LoadRunner(Plan plan, Operation operation, SampleSink sink) {
        this.plan = plan;
        this.operation = operation;
        this.sink = sink;
    }

    /** Runs to the end and returns the wall time it took. */
    public Duration run() throws InterruptedException {
        long start = System.nanoTime();
        RateSchedule schedule = RateSchedule.of(start, plan.rate());
        long end = plan.duration() == null ? Long.MAX_VALUE : start + plan.duration().toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < plan.clients(); c++) {
            int client = c;
            Thread thread = new Thread(() -> clientLoop(client, schedule, end), "bench-client-" + c);
            thread.start();
            threads.add(thread);
        }
        for (Thread t : threads) {
            t.join();
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private void clientLoop(int client, RateSchedule schedule, long end) {
        while (!stopped) {
            long seq = nextSeq.getAndIncrement();
            long due = schedule.dueNanos(seq, System.nanoTime());
            if ((plan.total() > 0 && seq >= plan.total()) || due >= end) {
                return;
            }
            waitUntil(due);
            boolean ok = callOnce(client, seq);
            sink.record(due, RateSchedule.latencyNanos(due, System.nanoTime()), ok);
        }
    }

    /** Calls the operation; false (and counted) when it failed. */
    private boolean callOnce(int client, long seq) {
        try {
            operation.call(client, seq);
            return true;
        } catch (Exception e) {
            errors.incrementAndGet();
            if (firstError == null) {
                firstError = e;
            }
            return false;
        } finally {
            done.incrementAndGet();
        }
    }

    private static void waitUntil(long due) {
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }

    /** Ends the run after the requests in flight. */
    public void stop() {
        stopped = true;
    }

    public long completed() {
        return done.get();
    }

    public long errors() {
        return errors.get();
    }

    /** The first failure seen, for the summary; null if none. */
    public Throwable firstError() {
        return firstError;
    }
}
