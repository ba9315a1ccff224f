package io.revkv.store.backend;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Snapshot;

/**
 * A frozen, consistent view of every bucket: later commits (writes, compaction deletes) are invisible to it.
 * Cheap to take; it pins old data in RocksDB until closed, so close it promptly. Use from one thread at a time.
 */
public final class ReadSnapshot implements AutoCloseable {
    /** Read-ahead of a bulk scan: a few large reads instead of one per data block. */
    private static final long BULK_READAHEAD_BYTES = 4L << 20;

    private final Backend backend;
    private final RocksDB db;
    private final Map<Bucket, ColumnFamilyHandle> handles;
    private final Snapshot snapshot;
    private final ReadOptions readOptions;
    private boolean closed;

    ReadSnapshot(Backend backend, RocksDB db, Map<Bucket, ColumnFamilyHandle> handles) {
        this.backend = backend;
        this.db = db;
        this.handles = handles;
        this.snapshot = db.getSnapshot();
        this.readOptions = new ReadOptions().setSnapshot(snapshot);
    }

    /** The value stored under {@code key}, or null. */
    public byte[] get(Bucket bucket, byte[] key) {
        try {
            return db.get(handles.get(bucket), readOptions, key);
        } catch (RocksDBException e) {
            throw new BackendException("get", e);
        }
    }

    /**
     * Visits the entries with {@code from <= key < to} in ascending unsigned key order.
     *
     * @param from null for the first key of the bucket
     * @param to   null for no upper bound
     */
    public void forEach(Bucket bucket, byte[] from, byte[] to, Consumer<BucketEntry> visitor) {
        scan(bucket, from, to, Integer.MAX_VALUE, visitor);
    }

    /** Like {@link #forEach} but returns at most {@code limit} entries. */
    public List<BucketEntry> range(Bucket bucket, byte[] from, byte[] to, int limit) {
        List<BucketEntry> entries = new ArrayList<>();
        scan(bucket, from, to, limit, entries::add);
        return entries;
    }

    /**
     * Visits every entry of {@code bucket} in ascending key order, the way a full scan (the index rebuild on open)
     * wants it: large sequential reads ahead of the iterator, no blocks of it left in the block cache, which keeps
     * serving the hot data, and no allocation per entry (a rebuild's garbage would have the collector copy the index
     * being built over and over). Copy what must outlive the call: the arrays are reused.
     */
    public void forEachInBulk(Bucket bucket, EntryVisitor visitor) {
        try (ReadOptions bulk = new ReadOptions().setSnapshot(snapshot).setReadaheadSize(BULK_READAHEAD_BYTES)
                .setFillCache(false)) {
            scanReusing(bulk, bucket, null, null, Integer.MAX_VALUE, true, visitor);
        }
    }

    private void scan(Bucket bucket, byte[] from, byte[] to, int limit, Consumer<BucketEntry> visitor) {
        try (RocksIterator it = db.newIterator(handles.get(bucket), readOptions)) {
            seek(it, from);
            for (int n = 0; n < limit && it.isValid(); n++, it.next()) {
                byte[] key = it.key();
                if (to != null && Arrays.compareUnsigned(key, to) >= 0) {
                    break;
                }
                visitor.accept(new BucketEntry(key, it.value()));
            }
            checkStatus(it);
        }
    }

    /**
     * Visits at most {@code limit} keys with {@code from <= key < to} in ascending unsigned order, without their
     * values (only their lengths) and without filling RocksDB's block cache: a bulk scan (compaction's) must neither allocate per record
     * nor evict what the foreground reads. Copy a key that must outlive the call: its array is reused.
     *
     * @param from null for the first key of the bucket
     * @param to   null for no upper bound
     * @return how many keys were visited
     */
    public int scanKeys(Bucket bucket, byte[] from, byte[] to, int limit, KeyVisitor visitor) {
        try (ReadOptions bulk = new ReadOptions().setSnapshot(snapshot).setFillCache(false)) {
            return scanReusing(bulk, bucket, from, to, limit, false,
                    (key, keyLength, value, valueLength) -> visitor.visit(key, keyLength, valueLength));
        }
    }

    /** The bulk scans' loop: each key, and its value if {@code values}, read into arrays reused for the next. */
    private int scanReusing(ReadOptions options, Bucket bucket, byte[] from, byte[] to, int limit, boolean values,
                            EntryVisitor visitor) {
        byte[] key = new byte[64];
        byte[] value = new byte[values ? 4096 : 0];
        int visited = 0;
        try (RocksIterator it = db.newIterator(handles.get(bucket), options)) {
            seek(it, from);
            for (; visited < limit && it.isValid(); visited++, it.next()) {
                int keyLength = it.key(key);
                if (keyLength > key.length) {
                    key = new byte[keyLength];
                    it.key(key);
                }
                if (to != null && Arrays.compareUnsigned(key, 0, keyLength, to, 0, to.length) >= 0) {
                    break;
                }
                // Into an empty array when values are not wanted: RocksDB copies nothing and still says the length.
                int valueLength = it.value(value);
                if (values) {
                    if (valueLength > value.length) {
                        value = new byte[Math.max(valueLength, value.length * 2)];
                        it.value(value);
                    }
                }
                visitor.visit(key, keyLength, value, valueLength);
            }
            checkStatus(it);
        }
        return visited;
    }

    private static void seek(RocksIterator it, byte[] from) {
        if (from == null) {
            it.seekToFirst();
        } else {
            it.seek(from);
        }
    }

    private static void checkStatus(RocksIterator it) {
        try {
            it.status();
        } catch (RocksDBException e) {
            throw new BackendException("iterate", e);
        }
    }

    /** Releases the snapshot; idempotent, and a no-op once the backend released it on close. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        backend.release(this);
    }

    void releaseNative() {
        readOptions.close();
        db.releaseSnapshot(snapshot);
    }
}
