package io.revkv.store.compactor;

import io.revkv.store.config.GoDuration;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Keeps a retention period P of history (etcd's {@code v3compactor.Periodic}, the 3.6 loop). With
 * {@code base = min(P, 1h)}:
 * <ul>
 *   <li>every {@code base/10} it samples the current revision, keeping a window of {@code P/(base/10) + 1}
 *       samples, so the oldest one is the revision of about P ago;</li>
 *   <li>the first compaction comes only after a full P, later ones every {@code base}, each to the oldest sample;</li>
 *   <li>a failed compaction is retried at the next sample; "already compacted" counts as a success;</li>
 *   <li>paused, it keeps sampling but does not compact;</li>
 *   <li>as in etcd 3.6 (not 3.4/3.5), it skips a compaction when the oldest sample is the revision it last
 *       compacted to: nothing changed, so there is nothing to compact.</li>
 * </ul>
 * Worked example, P = 5 s: samples every 0.5 s in a window of 11; compactions at 5 s (to the revision of 0 s),
 * 10 s (to the revision of 4.5 s), 15 s (9.5 s), ...
 *
 * <p>Threading: {@link #run()} and the ticks run on the clock's scheduler thread (one at a time); pause and resume
 * may come from any thread.
 */
public final class PeriodicCompactor extends ScheduledCompactor {

    private static final Duration HOUR = Duration.ofHours(1);
    private static final int RETRY_DIVISOR = 10;

    private final Duration period;
    private final RevisionSource revisions;
    private final Compactable compactable;
    private final Deque<Long> samples = new ArrayDeque<>();
    private Duration interval;
    private long lastSuccess;
    private long lastRevision;

    public PeriodicCompactor(Duration period, RevisionSource revisions, Compactable compactable, Clock clock) {
        super(clock);
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("retention period must be positive, got " + period);
        }
        this.period = period;
        this.revisions = revisions;
        this.compactable = compactable;
    }

    /** How often it compacts once started: min(P, 1h). */
    public Duration compactInterval() {
        return period.compareTo(HOUR) > 0 ? HOUR : period;
    }

    /** How often it samples, and retries a failed compaction: min(P, 1h) / 10. */
    public Duration retryInterval() {
        return compactInterval().dividedBy(RETRY_DIVISOR);
    }

    /** How many samples it keeps: P / retryInterval + 1, by integer division. */
    public int window() {
        return (int) (period.toNanos() / retryInterval().toNanos()) + 1;
    }

    @Override
    public synchronized void run() {
        lastSuccess = clock.nanoTime();
        interval = period;
        sample();
        schedule(retryInterval(), this::tick);
    }

    /** One turn of etcd's loop, after its wait: compact if due, then take the next sample. */
    private synchronized void tick() {
        if (!paused()) {
            compactIfDue();
        }
        sample();
    }

    private void sample() {
        samples.addLast(revisions.currentRevision());
        if (samples.size() > window()) {
            samples.removeFirst();
        }
    }

    private void compactIfDue() {
        long revision = samples.getFirst();
        if (clock.nanoTime() - lastSuccess < interval.toNanos() || revision == lastRevision) {
            return;
        }
        interval = compactInterval();
        if (CompactionAttempt.run(compactable, revision, GoDuration.format(period),
                GoDuration.format(retryInterval()))) {
            lastRevision = revision;
            lastSuccess = clock.nanoTime();
        }
    }
}
