package io.revkv.store.mvcc;

import java.util.Arrays;

/**
 * One life of a key, from the put that created it to the tombstone that ended it (etcd's {@code generation}).
 * The revisions ascend; in every generation but a key's last one, the last revision is the tombstone.
 *
 * <p>The index holds one of these per key (usually the key's only one), so it is laid out for memory: the
 * revisions are packed as {@code main, sub} pairs in one {@code long[]}, not as {@link Revision} objects in a list
 * (one array instead of a list, its backing array and an object per revision).
 * Not thread-safe: guarded by the index lock.
 */
final class Generation {
    private static final long[] NO_REVISIONS = {};

    /** The main revision of the put that created the key; zero when it was compacted away before a restart. */
    long created;
    /** Number of revisions ever appended, including compacted-away ones and the tombstone. */
    long ver;
    /** Revision {@code i} is {@code (revs[2i], revs[2i+1])}; the first {@code 2 * size} entries are used. */
    private long[] revs = NO_REVISIONS;
    private int size;

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    Revision get(int index) {
        return new Revision(revs[2 * index], revs[2 * index + 1]);
    }

    long main(int index) {
        return revs[2 * index];
    }

    Revision last() {
        return get(size - 1);
    }

    /** Appends {@code rev}, which the caller has checked is newer than every revision here. */
    void add(Revision rev) {
        if (2 * size == revs.length) {
            // Most keys have one revision at a time: grow from exactly one, then by half.
            revs = Arrays.copyOf(revs, 2 * (size + Math.max(1, size >> 1)));
        }
        revs[2 * size] = rev.main();
        revs[2 * size + 1] = rev.sub();
        size++;
    }

    /**
     * Index of the newest revision with {@code main <= atRev}, or -1 if every revision is newer
     * (etcd's {@code walk} with a "keep walking while main > atRev" function).
     */
    int newestAtOrBefore(long atRev) {
        for (int i = size - 1; i >= 0; i--) {
            if (main(i) <= atRev) {
                return i;
            }
        }
        return -1;
    }

    /** Drops the revisions before {@code index}; what survives a compaction is stored without spare room. */
    void dropBefore(int index) {
        if (index > 0) {
            revs = Arrays.copyOfRange(revs, 2 * index, 2 * size);
            size -= index;
        }
    }
}
