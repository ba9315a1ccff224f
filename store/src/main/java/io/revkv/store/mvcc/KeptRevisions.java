package io.revkv.store.mvcc;

import java.util.Arrays;
import java.util.Collection;

/**
 * The revisions a compaction keeps, sorted once, then walked in step with a scan of the {@code key} bucket in
 * revision order: telling a kept record from a doomed one is a comparison with the next kept revision, with no
 * hashing and nothing allocated per record.
 */
final class KeptRevisions {
    private final Revision[] sorted;
    private int next;

    KeptRevisions(Collection<Revision> kept) {
        sorted = kept.toArray(new Revision[0]);
        Arrays.sort(sorted);
    }

    /** Whether the record under {@code key[0, length)} is kept; keys must come in ascending order, call to call. */
    boolean keeps(byte[] key, int length) {
        while (next < sorted.length && sorted[next].compareToKey(key, length) < 0) {
            next++;
        }
        return next < sorted.length && sorted[next].compareToKey(key, length) == 0;
    }
}
