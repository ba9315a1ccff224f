package io.revkv.store.mvcc;

import io.revkv.proto.mvccpb.Event;
import io.revkv.proto.mvccpb.KeyValue;
import io.revkv.store.backend.Bucket;
import io.revkv.store.backend.BucketEntry;
import io.revkv.store.backend.ReadSnapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads changes by revision from the {@code key} bucket (etcd's {@code kvsToEvents} over an
 * {@code UnsafeRange(keyBucket, minRev, maxRev)}). Record keys sort in revision order, so this is one forward scan;
 * it stops before the first record of the revision that would exceed the caller's limit, so a revision's changes
 * are never split between two reads.
 */
final class HistoryRead {
    /** Records fetched per backend call: bounds what one call holds besides the result. */
    private static final int CHUNK = 1024;

    private HistoryRead() {
    }

    static History read(ReadSnapshot snapshot, long fromRev, long toRev, int maxRevisions) {
        List<Event> events = new ArrayList<>();
        byte[] from = Revision.mainPrefix(fromRev);
        byte[] to = Revision.mainPrefix(toRev + 1);
        long lastMain = -1;
        int revisions = 0;
        while (true) {
            List<BucketEntry> chunk = snapshot.range(Bucket.KEY, from, to, CHUNK);
            for (BucketEntry entry : chunk) {
                Revision revision = Revision.fromKey(entry.key());
                if (revision.main() != lastMain && ++revisions > maxRevisions) {
                    return new History(events, lastMain);
                }
                lastMain = revision.main();
                events.add(toEvent(revision, entry));
            }
            if (chunk.size() < CHUNK) {
                return new History(events, toRev);
            }
            from = StoredRecords.successor(chunk.get(chunk.size() - 1).key());
        }
    }

    /** A tombstone record holds only the key; its event adds the deletion's revision (etcd's DELETE event kv). */
    private static Event toEvent(Revision revision, BucketEntry entry) {
        KeyValue kv = StoredRecords.parse(revision, entry.value());
        if (Revision.isTombstoneKey(entry.key())) {
            KeyValue deleted = KeyValue.newBuilder().setKey(kv.getKey()).setModRevision(revision.main()).build();
            return Event.newBuilder().setType(Event.EventType.DELETE).setKv(deleted).build();
        }
        return Event.newBuilder().setType(Event.EventType.PUT).setKv(kv).build();
    }
}
