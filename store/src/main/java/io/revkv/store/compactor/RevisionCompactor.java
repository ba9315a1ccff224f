package io.revkv.store.compactor;

import java.time.Duration;

/**
 * Keeps the last N revisions (etcd's {@code v3compactor.Revision}): every 5 minutes, starting 5 minutes after
 * {@link #run()}, it compacts to {@code current − N}, unless that is ≤ 0 or the revision it last compacted to. A
 * failure is retried at the next check; "already compacted" counts as a success. Paused, it skips its checks.
 */
public final class RevisionCompactor extends ScheduledCompactor {

    /** etcd's fixed check interval. */
    public static final Duration CHECK_INTERVAL = Duration.ofMinutes(5);

    private final long retention;
    private final RevisionSource revisions;
    private final Compactable compactable;
    private long previous;

    public RevisionCompactor(long retention, RevisionSource revisions, Compactable compactable, Clock clock) {
        super(clock);
        if (retention <= 0) {
            throw new IllegalArgumentException("retention must be a positive number of revisions, got " + retention);
        }
        this.retention = retention;
        this.revisions = revisions;
        this.compactable = compactable;
    }

    @Override
    public synchronized void run() {
        schedule(CHECK_INTERVAL, this::tick);
    }

    private synchronized void tick() {
        if (paused()) {
            return;
        }
        long revision = revisions.currentRevision() - retention;
        if (revision <= 0 || revision == previous) {
            return;
        }
        if (CompactionAttempt.run(compactable, revision, retention + " revisions", "5m0s")) {
            previous = revision;
        }
    }
}
