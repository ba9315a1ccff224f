package io.revkv.store.compat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The workload's view of the store's revisions, learned from the reference server's answers, and the revision
 * choices that make requests meaningful (current, old, compacted, exactly the compact revision, future, negative).
 *
 * <p>{@code compact} starts at −1 as in etcd (a never-compacted store), so the first {@code Compact(0)} succeeds.
 * {@code settled} is false while a non-physical compaction may still be deleting records in the background; see
 * {@link #hashable()}.
 */
final class Revisions {

    private long current = 1;
    private long compact = -1;
    private boolean settled = true;
    private final List<Long> compactionTargets = new ArrayList<>();

    long current() {
        return current;
    }

    long compact() {
        return compact;
    }

    void observeHeaderRevision(long revision) {
        if (revision > 0) {
            current = revision;
        }
    }

    void observeCompaction(long revision, boolean physical) {
        compact = revision;
        settled = physical;
        compactionTargets.add(revision);
    }

    /**
     * Whether HashKV answers are deterministic now. etcd hashes the records ≤ compactRev that are not in the keep
     * set only when the keep set is empty (an empty store at the hashed revision), and then the answer depends on
     * how far a non-physical compaction has deleted them. A physical compaction waits for all earlier ones (the
     * compaction scheduler is FIFO), so after one the answer is fixed again.
     */
    boolean hashable() {
        return settled;
    }

    /** A Range/Txn-range revision: mostly current, else old, exactly compactRev, compacted, future or negative. */
    long read(Random random) {
        int p = random.nextInt(100);
        if (p < 40) {
            return 0;
        } else if (p < 50) {
            return current;
        } else if (p < 68) {
            return between(random, Math.max(1, compact), current);
        } else if (p < 75) {
            return Math.max(compact, 0);
        } else if (p < 81) {
            return compact - 1;
        } else if (p < 85) {
            return between(random, 1, Math.max(1, compact - 1));
        } else if (p < 92) {
            return current + 1 + random.nextInt(3);
        }
        return -1 - random.nextInt(5);
    }

    /** A compaction target in [compactRev − 2, current + 2]: compacted and future errors occur, and 0 first. */
    long compactTarget(Random random) {
        return between(random, compact - 2, current + 2);
    }

    /**
     * A HashKV revision: 0, current, above compactRev, exactly compactRev or an earlier compaction target (named
     * 3.4≠new differences), compacted or future. Never negative: the contract defines only 0 and positive
     * revisions for HashKV. Never 0 after a {@code Compact(0)}: etcd 3.5+ would answer HashKV(0) from the
     * compaction-hash cache entry of revision 0, a quirk the contract does not cover.
     */
    long hash(Random random) {
        int p = random.nextInt(100);
        if (p < 25) {
            return compactionTargets.contains(0L) ? current : 0;
        } else if (p < 30 && !compactionTargets.isEmpty()) {
            return compactionTargets.get(random.nextInt(compactionTargets.size()));
        } else if (p < 40) {
            return current;
        } else if (p < 75) {
            return between(random, Math.max(1, compact + 1), current);
        } else if (p < 85) {
            return Math.max(compact, 0);
        } else if (p < 92) {
            return between(random, 1, Math.max(1, compact - 1));
        }
        return current + 1 + random.nextInt(3);
    }

    /** Uniform in [lo, hi]; lo if hi < lo. */
    static long between(Random random, long lo, long hi) {
        return hi <= lo ? lo : lo + (long) random.nextInt((int) Math.min(Integer.MAX_VALUE, hi - lo + 1));
    }
}
