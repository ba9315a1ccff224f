package io.revkv.store.backend;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.TableProperties;

/**
 * Estimates how many of a column family's bytes hold live records: what its size would shrink to once RocksDB
 * compacted away every deleted record and every tombstone (etcd's "in use", which bbolt computes as size minus
 * free pages).
 *
 * <p>RocksDB's own {@code estimate-live-data-size} does not see deletions that have not met their records in a
 * compaction yet, so it stays equal to the file size until a defragmentation. Instead, each column family counts the
 * records physically present (puts in SST files and memtables, from RocksDB's table and memtable properties) and
 * compares them with the records that are live:
 * <ul>
 *   <li>where the layer above counts its live records ({@link #countLive}; the MVCC store does for the {@code key}
 *       bucket, whose records are written once and deleted at most once, often by one range tombstone over many),
 *       that count;</li>
 *   <li>elsewhere, the puts minus the point deletes: each tombstone stands for one put it hides.</li>
 * </ul>
 * In use is then the bytes of the puts (tombstones count as free) times live / present. Records overwritten under
 * the same key (the {@code meta} bucket's consistent index) count as live: those buckets are small.
 *
 * <p>Table properties are read only when the column family's files or memtables changed (RocksDB's super version),
 * so a call costs a handful of property reads.
 */
final class SpaceInUse {

    private final Map<Bucket, LongSupplier> liveCounts = new ConcurrentHashMap<>();
    private final Map<ColumnFamilyHandle, CachedTables> tables = new ConcurrentHashMap<>();

    /** Makes the estimate of {@code bucket} trust {@code liveRecords} (replacing an earlier source). */
    void countLive(Bucket bucket, LongSupplier liveRecords) {
        liveCounts.put(bucket, liveRecords);
    }

    /** Forgets cached table properties: the handles belong to a database that was closed. */
    void clear() {
        tables.clear();
    }

    long estimate(RocksDB db, ColumnFamilyHandle handle, Bucket bucket) throws RocksDBException {
        long sstBytes = db.getLongProperty(handle, "rocksdb.total-sst-files-size");
        long memBytes = db.getLongProperty(handle, "rocksdb.cur-size-all-mem-tables");
        long memEntries = db.getLongProperty(handle, "rocksdb.num-entries-active-mem-table")
                + db.getLongProperty(handle, "rocksdb.num-entries-imm-mem-tables");
        long memDeletes = db.getLongProperty(handle, "rocksdb.num-deletes-active-mem-table")
                + db.getLongProperty(handle, "rocksdb.num-deletes-imm-mem-tables");
        TableTotals sst = tables(db, handle);
        LongSupplier live = bucket == null ? null : liveCounts.get(bucket);
        return estimate(sst, sstBytes, memBytes, memEntries, memDeletes, live == null ? -1 : live.getAsLong());
    }

    /**
     * The arithmetic, apart from RocksDB.
     *
     * @param liveRecords the live records, or -1 when unknown (then puts minus deletes)
     */
    static long estimate(TableTotals sst, long sstBytes, long memBytes, long memEntries, long memDeletes,
                         long liveRecords) {
        // An empty memtable still holds its first arena block (2 KB): no record, but no garbage either.
        long emptyMemtable = memEntries == 0 ? memBytes : 0;
        long memPuts = Math.max(0, memEntries - memDeletes);
        long present = sst.puts() + memPuts;
        if (present == 0) {
            return emptyMemtable;
        }
        double memPutBytes = memEntries == 0 ? 0 : (double) memBytes * memPuts / memEntries;
        double putBytes = sstBytes * sst.putByteShare() + memPutBytes;
        long live = liveRecords >= 0 ? liveRecords : Math.max(0, present - sst.deletions() - memDeletes);
        double liveShare = Math.min(1.0, (double) live / present);
        return emptyMemtable + Math.round(putBytes * liveShare);
    }

    private TableTotals tables(RocksDB db, ColumnFamilyHandle handle) throws RocksDBException {
        long version = db.getLongProperty(handle, "rocksdb.current-super-version-number");
        CachedTables cached = tables.get(handle);
        if (cached != null && cached.version == version) {
            return cached.totals;
        }
        TableTotals totals = TableTotals.of(db.getPropertiesOfAllTables(handle));
        tables.put(handle, new CachedTables(version, totals));
        return totals;
    }

    private record CachedTables(long version, TableTotals totals) {
    }

    /**
     * What the SST files of one column family hold, summed over files.
     *
     * @param deletions point and range tombstones (RocksDB counts a range tombstone in both of its counters)
     */
    record TableTotals(long entries, long deletions, long rawKeyBytes, long rawValueBytes) {
        static final TableTotals EMPTY = new TableTotals(0, 0, 0, 0);

        static TableTotals of(Map<String, TableProperties> files) {
            long entries = 0;
            long deletions = 0;
            long rawKeys = 0;
            long rawValues = 0;
            for (TableProperties file : files.values()) {
                entries += file.getNumEntries();
                deletions += file.getNumDeletions();
                rawKeys += file.getRawKeySize();
                rawValues += file.getRawValueSize();
            }
            return new TableTotals(entries, deletions, rawKeys, rawValues);
        }

        long puts() {
            return Math.max(0, entries - deletions);
        }

        /** The share of the raw bytes that puts hold: tombstones have a key and no value (an average key each). */
        double putByteShare() {
            long raw = rawKeyBytes + rawValueBytes;
            if (raw == 0 || entries == 0) {
                return 1.0;
            }
            double tombstoneBytes = (double) deletions * rawKeyBytes / entries;
            return Math.max(0.0, (raw - tombstoneBytes) / raw);
        }
    }
}
