package io.revkv.store.mvcc;

import com.google.protobuf.ByteString;
import io.revkv.store.backend.Backend;
import io.revkv.store.backend.Bucket;
import io.revkv.store.backend.ReadSnapshot;
import java.util.HashMap;
import java.util.Map;
import java.util.function.ObjLongConsumer;

/**
 * Rebuilds the store's state from the backend when it opens (etcd's {@code store.restore}): the compaction marks
 * and consistent index from {@code meta}, and the index from one bulk scan of the {@code key} bucket in revision
 * order, which reads of each record only what the index needs (not its value).
 */
final class StoreRestore {
    /**
     * What the backend says about the store.
     *
     * @param currentRev   the revision the store resumes at: never below a revision it reported before
     * @param finishedRev  the last compaction whose disk deletion completed, -1 if none
     * @param scheduledRev the last compaction scheduled, -1 if none; above {@code finishedRev} it must be resumed
     * @param records      how many records of the {@code key} bucket the index was rebuilt from
     * @param liveKeys     how many keys exist at {@code currentRev}
     * @param recordBytes  the keys' and values' bytes of those records
     */
    record State(long currentRev, long finishedRev, long scheduledRev, long consistentIndex, long records,
                 long liveKeys, long recordBytes) {
    }

    private StoreRestore() {
    }

    /**
     * Rebuilds {@code index} and reads the marks; hands each live key that has a lease, with its lease, to
     * {@code leasedKeys} (etcd's restore attaches them to the lessor in the same pass).
     */
    static State restore(Backend backend, Index index, ObjLongConsumer<ByteString> leasedKeys) {
        try (ReadSnapshot snapshot = backend.snapshot()) {
            long finished = MetaKeys.decodeCompactRev(snapshot.get(Bucket.META, MetaKeys.FINISHED_COMPACT_REV));
            long scheduled = MetaKeys.decodeCompactRev(snapshot.get(Bucket.META, MetaKeys.SCHEDULED_COMPACT_REV));
            long consistentIndex = MetaKeys.decodeIndex(snapshot.get(Bucket.META, MetaKeys.CONSISTENT_INDEX));
            Replay replay = new Replay(index);
            snapshot.forEachInBulk(Bucket.KEY, replay::record);
            replay.leased.forEach(leasedKeys::accept);
            // Compaction may have deleted every record at the top of history (etcd#17780): the compaction marks
            // remember revisions that were current once, so the revision never goes backwards.
            long currentRev = Math.max(Math.max(1, replay.lastMain), Math.max(finished, scheduled));
            return new State(currentRev, finished, scheduled, consistentIndex, replay.records, replay.liveKeys,
                    replay.recordBytes);
        }
    }

    /** Replays the records, in revision order, into the index, and follows which live key has which lease. */
    private static final class Replay {
        private final Index index;
        /** The lease of each key whose latest record so far is a put with a lease. */
        private final Map<ByteString, Long> leased = new HashMap<>();
        private long lastMain;
        private long records;
        private long recordBytes;
        private long liveKeys;

        Replay(Index index) {
            this.index = index;
        }

        void record(byte[] key, int keyLength, byte[] value, int valueLength) {
            Revision revision = Revision.fromKey(key, keyLength);
            RecordHeader record = RecordHeader.parse(revision, value, valueLength);
            boolean tombstone = Revision.isTombstoneKey(key, keyLength);
            liveKeys += index.restore(record.key(), revision, tombstone, record.createRevision(), record.version());
            if (!tombstone && record.lease() != 0) {
                leased.put(record.key(), record.lease());
            } else if (!leased.isEmpty()) {
                leased.remove(record.key());
            }
            lastMain = revision.main();
            records++;
            recordBytes += keyLength + valueLength;
        }
    }
}
