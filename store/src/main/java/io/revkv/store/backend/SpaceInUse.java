package io.revkv.store.backend;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDB.CountAndSize;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Range;
import org.rocksdb.Slice;
import org.rocksdb.TableProperties;

/**
 * Estimates how many of a column family's bytes hold live records: what its size would shrink to once RocksDB
 * compacted away every deleted or overwritten record and every tombstone (etcd's "in use", which bbolt computes as
 * size minus free pages).
 *
 * <p>RocksDB's own {@code estimate-live-data-size} does not see deletions that have not met their records in a
 * compaction yet, so it stays equal to the file size until a defragmentation. Instead, each column family compares
 * the keys' and values' bytes of its live records with those of the puts physically present:
 * <ul>
 *   <li>present: the SST files' raw key and value sizes (RocksDB's table properties) less their tombstones, plus
 *       the memtables' entries (their count, times the average entry RocksDB's memtable statistics give);</li>
 *   <li>live, for the {@code key} bucket: what the MVCC store counts ({@link #countLiveBytes}), since its records
 *       are written once and deleted at most once, often many by one range tombstone that RocksDB cannot count;
 *       for the other buckets, which are small: a scan of their live entries' key and value lengths.</li>
 * </ul>
 * In use is then the on-disk bytes of the puts (tombstones count as free) times live / present: in bytes, so a few
 * large deleted values weigh what they weigh beside many small live records, and the thousand versions of the
 * consistent index in a memtable count as one.
 *
 * <p>Table properties are read only when the column family's files changed (RocksDB's super version), so a call
 * costs a handful of property reads and the scan of the small buckets.
 */
final class SpaceInUse {

    /** What RocksDB adds to each key in SST files and memtables: the sequence number and the entry's type. */
    private static final int INTERNAL_KEY_SUFFIX = 8;
    /** What a memtable entry adds besides: the varint lengths of key and value (one byte each, mostly). */
    private static final int MEMTABLE_LENGTHS = 2;
    /** Beyond every key of every bucket (the longest are the {@code key} bucket's, 18 bytes). */
    private static final byte[] PAST_EVERY_KEY = filled(256, (byte) 0xFF);

    private final Map<Bucket, LongSupplier> liveBytes = new ConcurrentHashMap<>();
    private final Map<ColumnFamilyHandle, CachedTables> tables = new ConcurrentHashMap<>();

    /** Makes the estimate of {@code bucket} trust {@code bytes} rather than scan it (replacing an earlier source). */
    void countLiveBytes(Bucket bucket, LongSupplier bytes) {
        liveBytes.put(bucket, bytes);
    }

    /** Forgets cached table properties: the handles belong to a database that was closed. */
    void clear() {
        tables.clear();
    }

    long estimate(RocksDB db, ColumnFamilyHandle handle, Bucket bucket) throws RocksDBException {
        long sstBytes = db.getLongProperty(handle, "rocksdb.total-sst-files-size");
        Memtables mem = memtables(db, handle);
        LongSupplier counted = bucket == null ? null : liveBytes.get(bucket);
        long live = counted != null ? counted.getAsLong() : scanLiveBytes(db, handle);
        return estimate(tables(db, handle), sstBytes, mem, live);
    }

    /**
     * The arithmetic, apart from RocksDB.
     *
     * @param liveRawBytes the keys' and values' bytes of the live records
     */
    static long estimate(TableTotals sst, long sstBytes, Memtables mem, long liveRawBytes) {
        // An empty memtable still holds its first arena block (2 KB): no record, but no garbage either.
        long emptyMemtable = mem.entries() == 0 ? mem.bytes() : 0;
        double memPutShare = mem.entries() == 0 ? 0 : (double) Math.max(0, mem.entries() - mem.deletes())
                / mem.entries();
        double putBytes = sstBytes * sst.putByteShare() + mem.bytes() * memPutShare;
        double presentRaw = sst.putRawBytes() + mem.rawBytes() * memPutShare;
        double liveShare = presentRaw <= 0 ? 1.0 : Math.min(1.0, liveRawBytes / presentRaw);
        return emptyMemtable + Math.round(putBytes * liveShare);
    }

    private static Memtables memtables(RocksDB db, ColumnFamilyHandle handle) throws RocksDBException {
        long bytes = db.getLongProperty(handle, "rocksdb.cur-size-all-mem-tables");
        long entries = db.getLongProperty(handle, "rocksdb.num-entries-active-mem-table")
                + db.getLongProperty(handle, "rocksdb.num-entries-imm-mem-tables");
        long deletes = db.getLongProperty(handle, "rocksdb.num-deletes-active-mem-table")
                + db.getLongProperty(handle, "rocksdb.num-deletes-imm-mem-tables");
        if (entries == 0) {
            return new Memtables(bytes, 0, 0, 0);
        }
        // The statistics count entries by sampling, but their average entry is RocksDB's own running total.
        CountAndSize stats;
        try (Slice start = new Slice(new byte[0]); Slice end = new Slice(PAST_EVERY_KEY)) {
            stats = db.getApproximateMemTableStats(handle, new Range(start, end));
        }
        double averageEntry = stats.count == 0 ? 0 : (double) stats.size / stats.count;
        long raw = Math.round(entries * Math.max(0, averageEntry - INTERNAL_KEY_SUFFIX - MEMTABLE_LENGTHS));
        return new Memtables(bytes, entries, deletes, raw);
    }

    /** The keys' and values' lengths of every live entry of a (small) column family; the values are not copied. */
    private static long scanLiveBytes(RocksDB db, ColumnFamilyHandle handle) {
        long bytes = 0;
        byte[] key = new byte[64];
        byte[] noValue = new byte[0];
        try (ReadOptions options = new ReadOptions().setFillCache(false);
             RocksIterator it = db.newIterator(handle, options)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                bytes += it.key(key) + it.value(noValue);
            }
        }
        return bytes;
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
     * What a column family's memtables hold.
     *
     * @param bytes    their memory, which {@link Backend#size()} counts
     * @param rawBytes their entries' keys' and values' bytes
     */
    record Memtables(long bytes, long entries, long deletes, long rawBytes) {
    }

    /**
     * What the SST files of one column family hold, summed over files.
     *
     * @param deletions   point and range tombstones (RocksDB counts a range tombstone in both of its counters)
     * @param rawKeyBytes keys with RocksDB's 8-byte suffix each
     */
    record TableTotals(long entries, long deletions, long rawKeyBytes, long rawValueBytes) {

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

        /** The puts' keys' and values' bytes: a tombstone has a key (an average one) and no value. */
        double putRawBytes() {
            if (entries == 0) {
                return 0;
            }
            double userKeys = Math.max(0, rawKeyBytes - (double) INTERNAL_KEY_SUFFIX * entries);
            return Math.max(0.0, userKeys + rawValueBytes - deletions * userKeys / entries);
        }

        /** The share of the files' raw bytes that puts hold. */
        double putByteShare() {
            long raw = rawKeyBytes + rawValueBytes;
            return raw == 0 ? 1.0 : Math.min(1.0, (putRawBytes() + (entries - deletions) * INTERNAL_KEY_SUFFIX)
                    / raw);
        }
    }

    private static byte[] filled(int length, byte value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, value);
        return bytes;
    }
}
