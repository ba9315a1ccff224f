package io.revkv.store.raft;

/**
 * When this member snapshots: every {@code --snapshot-count} applied requests, as etcd counts them. An etcd log entry
 * is one request; a revkv entry carries a batch of them, so counting entries (Ratis' own trigger) would let the log
 * grow to hundreds of requests per counted entry between snapshots, and the purge after each snapshot, which stops
 * the log while it deletes the segments, would grow with it. A twentieth of the count ahead of each snapshot, its
 * flush is started in the background (see {@link KvStateMachine}).
 *
 * <p>Only the applying thread calls it.
 */
final class SnapshotSchedule {

    /** What applying some requests calls for. */
    enum Step { NONE, PREPARE, SNAPSHOT }

    private final long count;
    private final long prepareAt;
    private long applied;
    private boolean prepared;
    private boolean requested;

    /** @param count {@code --snapshot-count}: requests applied between two snapshots */
    SnapshotSchedule(long count) {
        this.count = count;
        this.prepareAt = count - Math.max(1, count / 20);
    }

    /** Counts {@code requests} more applied requests; each step is returned once per snapshot interval. */
    Step applied(int requests) {
        applied += requests;
        if (!requested && applied >= count) {
            requested = true;
            prepared = true;
            return Step.SNAPSHOT;
        }
        if (!prepared && applied >= prepareAt) {
            prepared = true;
            return Step.PREPARE;
        }
        return Step.NONE;
    }

    /** A snapshot was taken, whoever asked for it: the next interval starts. */
    void snapshotTaken() {
        applied = 0;
        prepared = false;
        requested = false;
    }
}
