package io.revkv.store.mvcc;

import io.revkv.proto.mvccpb.KeyValue;
import io.revkv.store.backend.Backend;
import io.revkv.store.backend.BucketEntry;
import io.revkv.store.backend.Bucket;
import io.revkv.store.backend.ReadSnapshot;
import java.util.List;

/**
 * Rebuilds the store's state from the backend when it opens (etcd's {@code store.restore}): the compaction marks
 * and consistent index from {@code meta}, and the index from a scan of the {@code key} bucket in revision order.
 */
final class StoreRestore {
    /** Records read per chunk: bounds the memory the scan holds at once. */
    static final int CHUNK = 10_000;

    /**
     * What the backend says about the store.
     *
     * @param currentRev   the revision the store resumes at: never below a revision it reported before
     * @param finishedRev  the last compaction whose disk deletion completed, -1 if none
     * @param scheduledRev the last compaction scheduled, -1 if none; above {@code finishedRev} it must be resumed
     */
    record State(long currentRev, long finishedRev, long scheduledRev, long consistentIndex) {
    }

    private StoreRestore() {
    }

    static State restore(Backend backend, Index index) {
        try (ReadSnapshot snapshot = backend.snapshot()) {
            long finished = MetaKeys.decodeCompactRev(snapshot.get(Bucket.META, MetaKeys.FINISHED_COMPACT_REV));
            long scheduled = MetaKeys.decodeCompactRev(snapshot.get(Bucket.META, MetaKeys.SCHEDULED_COMPACT_REV));
            long consistentIndex = MetaKeys.decodeIndex(snapshot.get(Bucket.META, MetaKeys.CONSISTENT_INDEX));
            long lastMain = restoreIndex(snapshot, index);
            // Compaction may have deleted every record at the top of history (etcd#17780): the compaction marks
            // remember revisions that were current once, so the revision never goes backwards.
            long currentRev = Math.max(Math.max(1, lastMain), Math.max(finished, scheduled));
            return new State(currentRev, finished, scheduled, consistentIndex);
        }
    }

    /** Replays every record into the index; returns the largest main revision seen (0 if none). */
    private static long restoreIndex(ReadSnapshot snapshot, Index index) {
        long lastMain = 0;
        byte[] from = null;
        while (true) {
            List<BucketEntry> chunk = snapshot.range(Bucket.KEY, from, null, CHUNK);
            for (BucketEntry entry : chunk) {
                lastMain = restoreRecord(entry, index).main();
            }
            if (chunk.size() < CHUNK) {
                return lastMain;
            }
            from = StoredRecords.successor(chunk.get(chunk.size() - 1).key());
        }
    }

    private static Revision restoreRecord(BucketEntry entry, Index index) {
        Revision revision = Revision.fromKey(entry.key());
        KeyValue kv = StoredRecords.parse(revision, entry.value());
        boolean tombstone = Revision.isTombstoneKey(entry.key());
        index.restore(kv.getKey(), revision, tombstone, kv.getCreateRevision(), kv.getVersion());
        return revision;
    }
}
