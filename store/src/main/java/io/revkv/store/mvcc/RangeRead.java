package io.revkv.store.mvcc;

import com.google.protobuf.ByteString;
import io.revkv.proto.mvccpb.KeyValue;
import io.revkv.store.errors.EtcdError;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A range read, shared by read and write txns (etcd's {@code rangeKeys}). The revision check and the index lookup
 * happen under the store's view lock, so that a compaction cannot slip between them and make the lookup miss keys;
 * the values are then fetched outside the lock from a source that still holds every record the lookup returned.
 */
final class RangeRead {
    private RangeRead() {
    }

    /**
     * @param readRev the newest revision the caller may read (the view's current revision, or the write txn's own)
     * @param values  the stored record of a revision returned by the index
     */
    static RangeResult execute(MvccStore store, ByteString key, ByteString end, RangeOptions options, long readRev,
                               Function<Revision, byte[]> values) {
        Lookup lookup = store.underViewLock(() -> lookup(store, key, end, options, readRev));
        List<KeyValue> kvs = new ArrayList<>(lookup.range.revisions().size());
        for (Revision revision : lookup.range.revisions()) {
            kvs.add(onDisk(revision, values.apply(revision)));
        }
        return new RangeResult(kvs, lookup.revision, lookup.range.total());
    }

    private static Lookup lookup(MvccStore store, ByteString key, ByteString end, RangeOptions options, long readRev) {
        long revision = resolve(options.revision(), readRev, store.compactRevision());
        if (options.countOnly()) {
            long count = store.index().count(key, end, revision);
            return new Lookup(revision, new IndexRange(List.of(), List.of(), count));
        }
        return new Lookup(revision, store.index().range(key, end, revision, options.limit()));
    }

    /** The revision to read: future first, then compacted (contract §2.2); exactly the compact revision is fine. */
    static long resolve(long requested, long readRev, long compactRev) {
        if (requested > readRev) {
            throw EtcdError.FUTURE_REV.exception();
        }
        long revision = requested <= 0 ? readRev : requested;
        if (revision < compactRev) {
            throw EtcdError.COMPACTED.exception();
        }
        return revision;
    }

    /** The index only names revisions it saw written: a missing record means the disk lost it. */
    private static KeyValue onDisk(Revision revision, byte[] record) {
        if (record == null) {
            throw new IllegalStateException("index points at revision " + revision + " which is not on disk");
        }
        return StoredRecords.parse(revision, record);
    }

    private record Lookup(long revision, IndexRange range) {
    }
}
