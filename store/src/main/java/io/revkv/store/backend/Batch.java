package io.revkv.store.backend;

import java.util.Map;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * Writes collected in memory and committed atomically: after a crash either all of them are there or none, and
 * they are there only if every batch committed before them is too. Not thread-safe; close it (committed or not) to
 * release its native memory.
 */
public final class Batch implements AutoCloseable {
    private final RocksDB db;
    private final WriteOptions writeOptions;
    private final Map<Bucket, ColumnFamilyHandle> handles;
    private final WriteBatch batch = new WriteBatch();

    Batch(RocksDB db, WriteOptions writeOptions, Map<Bucket, ColumnFamilyHandle> handles) {
        this.db = db;
        this.writeOptions = writeOptions;
        this.handles = handles;
    }

    public Batch put(Bucket bucket, byte[] key, byte[] value) {
        return add("put", () -> batch.put(handles.get(bucket), key, value));
    }

    public Batch delete(Bucket bucket, byte[] key) {
        return add("delete", () -> batch.delete(handles.get(bucket), key));
    }

    /**
     * Deletes every key {@code from <= key < to} with one range tombstone: far cheaper to write than a delete per
     * key when there are many, but every read that reaches the range has to check it until RocksDB compacts it away,
     * so use it for runs of keys, not single ones.
     */
    public Batch deleteRange(Bucket bucket, byte[] from, byte[] to) {
        return add("delete range", () -> batch.deleteRange(handles.get(bucket), from, to));
    }

    private Batch add(String operation, Write write) {
        try {
            write.run();
        } catch (RocksDBException e) {
            throw new BackendException("batch " + operation, e);
        }
        return this;
    }

    @FunctionalInterface
    private interface Write {
        void run() throws RocksDBException;
    }

    /** How many puts, deletes and range deletes the batch holds. */
    public int size() {
        return batch.count();
    }

    /** Applies every write at once, to memtables only (no WAL: see the package comment). */
    public void commit() {
        try {
            db.write(writeOptions, batch);
        } catch (RocksDBException e) {
            throw new BackendException("batch commit", e);
        }
    }

    @Override
    public void close() {
        batch.close();
    }
}
