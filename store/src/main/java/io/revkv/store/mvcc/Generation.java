package io.revkv.store.mvcc;

import java.util.ArrayList;
import java.util.List;

/**
 * One life of a key, from the put that created it to the tombstone that ended it (etcd's {@code generation}).
 * The revisions ascend; in every generation but a key's last one, the last revision is the tombstone.
 * Not thread-safe: guarded by the index lock.
 */
final class Generation {
    /** The revision that created the key; zero when the creating put was compacted away before a restart. */
    Revision created;
    /** Number of revisions ever appended, including compacted-away ones and the tombstone. */
    long ver;
    final List<Revision> revs = new ArrayList<>();

    boolean isEmpty() {
        return revs.isEmpty();
    }

    Revision last() {
        return revs.get(revs.size() - 1);
    }

    /**
     * Index of the newest revision with {@code main <= atRev}, or -1 if every revision is newer
     * (etcd's {@code walk} with a "keep walking while main > atRev" function).
     */
    int newestAtOrBefore(long atRev) {
        for (int i = revs.size() - 1; i >= 0; i--) {
            if (revs.get(i).main() <= atRev) {
                return i;
            }
        }
        return -1;
    }

    /** Drops the revisions before {@code index}. */
    void dropBefore(int index) {
        revs.subList(0, index).clear();
    }
}
