package io.revkv.store.backend;

import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.LRUCache;

/**
 * RocksDB's options for a member's database, sized for memory: the member keeps its index on the Java heap, so
 * RocksDB's native memory is what comes on top of it.
 * <ul>
 *   <li>one block cache of a stated size, shared by every column family;</li>
 *   <li>memtables of {@value #WRITE_BUFFER_BYTES} bytes instead of RocksDB's 64 MiB: the {@code key} bucket's
 *       memtable is resident in full once written, and every written bucket allocates its memtable's arena in
 *       blocks of an eighth of that size.</li>
 * </ul>
 * LZ4 compresses the stored records. Close it after the database.
 */
final class BackendOptions implements AutoCloseable {
    static final long BLOCK_CACHE_BYTES = 32L << 20;
    static final long WRITE_BUFFER_BYTES = 16L << 20;

    private final Cache blockCache = new LRUCache(BLOCK_CACHE_BYTES);
    /** Atomic flushes: with RocksDB's WAL off, a crash must leave a consistent prefix across all column families. */
    final DBOptions db = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true)
            .setAtomicFlush(true);
    final ColumnFamilyOptions columnFamily = new ColumnFamilyOptions()
            .setCompressionType(CompressionType.LZ4_COMPRESSION)
            .setWriteBufferSize(WRITE_BUFFER_BYTES)
            .setTableFormatConfig(new BlockBasedTableConfig().setBlockCache(blockCache));

    @Override
    public void close() {
        columnFamily.close();
        db.close();
        blockCache.close();
    }
}
