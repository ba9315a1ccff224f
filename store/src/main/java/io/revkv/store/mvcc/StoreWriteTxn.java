package io.revkv.store.mvcc;

import com.google.protobuf.ByteString;
import io.revkv.proto.mvccpb.Event;
import io.revkv.proto.mvccpb.KeyValue;
import io.revkv.store.backend.Batch;
import io.revkv.store.backend.Bucket;
import io.revkv.store.backend.ReadSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The write txn (etcd's {@code storeTxnWrite}): changes go to the index at once and to a backend batch committed by
 * {@link #end()}. Index entries at the txn's revision are invisible to readers until the store publishes it, because
 * readers never read above the published current revision. Holds the store's writer lock from open to end.
 */
final class StoreWriteTxn implements WriteTxn {
    private final MvccStore store;
    private final long beginRev;
    private final long compactRev;
    private final long consistentIndex;
    private final Batch batch;
    /** This txn's own records, for its own reads: they are not in the backend before {@link #end()}. */
    private final Map<Revision, byte[]> written = new HashMap<>();
    private final List<Event> changes = new ArrayList<>();
    private boolean ended;

    StoreWriteTxn(MvccStore store, long beginRev, long compactRev, long consistentIndex) {
        this.store = store;
        this.beginRev = beginRev;
        this.compactRev = compactRev;
        this.consistentIndex = consistentIndex;
        this.batch = store.backend().batch();
    }

    @Override
    public long currentRevision() {
        return beginRev;
    }

    @Override
    public long compactRevision() {
        return compactRev;
    }

    /** Once the txn changed something, its reads are at its own revision and see its changes. */
    private long readRevision() {
        return changes.isEmpty() ? beginRev : beginRev + 1;
    }

    @Override
    public RangeResult range(ByteString key, ByteString end, RangeOptions options) {
        try (ReadSnapshot snapshot = store.backend().snapshot()) {
            return RangeRead.execute(store, key, end, options, readRevision(), rev -> {
                byte[] own = written.get(rev);
                return own != null ? own : snapshot.get(Bucket.KEY, rev.toKey());
            });
        }
    }

    @Override
    public long put(ByteString key, ByteString value, long lease) {
        long rev = beginRev + 1;
        KeyVersion previous = store.index().get(key, rev);
        store.statistics().put(previous == null);
        KeyValue kv = KeyValue.newBuilder()
                .setKey(key)
                .setValue(value)
                .setCreateRevision(previous == null ? rev : previous.created())
                .setModRevision(rev)
                .setVersion(previous == null ? 1 : previous.version() + 1)
                .setLease(lease)
                .build();
        Revision revision = new Revision(rev, changes.size());
        record(revision, revision.toKey(), kv.toByteArray());
        store.index().put(key, revision);
        changes.add(Event.newBuilder().setType(Event.EventType.PUT).setKv(kv).build());
        return rev;
    }

    @Override
    public long deleteRange(ByteString key, ByteString end) {
        List<ByteString> keys = store.index().range(key, end, readRevision(), 0).keys();
        keys.forEach(this::delete);
        return keys.size();
    }

    /** A tombstone record holds only the key; the DELETE event adds the revision of the deletion. */
    private void delete(ByteString key) {
        Revision revision = new Revision(beginRev + 1, changes.size());
        record(revision, revision.toTombstoneKey(), KeyValue.newBuilder().setKey(key).build().toByteArray());
        store.index().tombstone(key, revision);
        store.statistics().deleted();
        KeyValue deleted = KeyValue.newBuilder().setKey(key).setModRevision(revision.main()).build();
        changes.add(Event.newBuilder().setType(Event.EventType.DELETE).setKv(deleted).build());
    }

    private void record(Revision revision, byte[] recordKey, byte[] value) {
        store.statistics().recordWritten(recordKey.length + value.length);
        batch.put(Bucket.KEY, recordKey, value);
        written.put(revision, value);
    }

    @Override
    public void putLease(byte[] key, byte[] value) {
        batch.put(Bucket.LEASE, key, value);
    }

    @Override
    public void deleteLease(byte[] key) {
        batch.delete(Bucket.LEASE, key);
    }

    @Override
    public List<Event> changes() {
        return List.copyOf(changes);
    }

    /** Idempotent. A backend failure here leaves the index ahead of the disk: the store must not be used again. */
    @Override
    public void end() {
        if (ended) {
            return;
        }
        ended = true;
        try (batch) {
            batch.put(Bucket.META, MetaKeys.CONSISTENT_INDEX, MetaKeys.encodeIndex(consistentIndex));
            batch.commit();
            store.publish(changes.isEmpty() ? beginRev : beginRev + 1, consistentIndex);
        } finally {
            store.releaseWriter();
        }
    }
}
