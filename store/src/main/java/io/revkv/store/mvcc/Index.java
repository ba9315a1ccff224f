package io.revkv.store.mvcc;

import com.google.protobuf.ByteString;
import java.util.List;
import java.util.Set;

/**
 * The in-memory index from key to its {@link KeyIndex} generations: which record holds a key's value at any
 * revision still readable. It never touches the backend; the store rebuilds it from the {@code key} bucket on open.
 *
 * <p>Ranges take etcd's {@code end} forms: empty means the single key {@code key}; the one byte {@code 0x00} means
 * every key {@code >= key}; otherwise {@code [key, end)}, empty when {@code end <= key}. Keys compare unsigned.
 *
 * <p>Thread-safe. Revisions above the store's published current revision may already be in the index (the write
 * txn in progress adds them); callers never read above the published revision, so they stay invisible.
 */
interface Index {

    /** The key at {@code atRev}, or null if it did not exist then. */
    KeyVersion get(ByteString key, long atRev);

    /** The keys of the range existing at {@code atRev}: at most {@code limit} of them ({@code <= 0}: all). */
    IndexRange range(ByteString key, ByteString end, long atRev, long limit);

    /** How many keys of the range exist at {@code atRev}. */
    long count(ByteString key, ByteString end, long atRev);

    /** Records a put of {@code key} at {@code rev}, which must be newer than anything recorded for the key. */
    void put(ByteString key, Revision rev);

    /** Records the deletion of {@code key} at {@code rev}; false (no change) if the key is not live. */
    boolean tombstone(ByteString key, Revision rev);

    /**
     * Replays one record of the {@code key} bucket when the store opens; records must come in revision order.
     * A key's first record carries its generation's creation and version (when it is a put), which is all that
     * survives of a compacted history; a first record that is a tombstone still creates the key's entry.
     *
     * @return how the record changed the number of live keys: 1, 0 or -1 (what the rebuild counts them by)
     */
    int restore(ByteString key, Revision rev, boolean tombstone, long createRevision, long version);

    /**
     * Compacts every key at {@code atRev} (contract §4.2), removing keys left without history. Reads and writes may
     * run meanwhile (they never need what it drops: reads below {@code atRev} were refused before it started,
     * writes add revisions above it); one compaction at a time.
     *
     * @return the revisions {@code <= atRev} that survive, in no particular order: every other record
     *         {@code <= atRev} may be deleted
     */
    List<Revision> compact(long atRev);

    /** What {@link #compact} would keep at {@code atRev}, minus tombstones ending past generations (for HashKV). */
    Set<Revision> keep(long atRev);
}
