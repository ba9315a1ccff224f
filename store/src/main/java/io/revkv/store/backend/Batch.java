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
        try {
            batch.put(handles.get(bucket), key, value);
        } catch (RocksDBException e) {
            throw new BackendException("batch put", e);
        }
        return this;
    }

    public Batch delete(Bucket bucket, byte[] key) {
        try {
            batch.delete(handles.get(bucket), key);
        } catch (RocksDBException e) {
            throw new BackendException("batch delete", e);
        }
        return this;
    }

    /** How many puts and deletes the batch holds. */
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
