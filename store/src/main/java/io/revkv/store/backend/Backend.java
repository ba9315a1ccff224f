package io.revkv.store.backend;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;
import org.rocksdb.CompactRangeOptions;
import org.rocksdb.CompactRangeOptions.BottommostLevelCompaction;
import org.rocksdb.Checkpoint;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.FlushOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteOptions;

/**
 * The RocksDB database of one member: a column family per {@link Bucket} (plus RocksDB's mandatory
 * {@code default}, unused). Thread-safe. Reads go through {@link #snapshot()}, writes through {@link #batch()}.
 *
 * <p>Durability: RocksDB's WAL is off, so a committed batch lives in memtables until RocksDB flushes them (when they
 * fill up, on {@link #flush()}, and on {@link #close()}). Flushes are atomic across column families, so what a
 * crash leaves on disk is always every batch up to some point and none after it: never half a batch, never a later
 * batch without an earlier one. The package comment says why that is enough.
 *
 * <p>Lifecycle: {@link #close()} releases the snapshots still open, flushes, and closes the database; using a
 * snapshot or a batch after that is a programming error (RocksDB's native handles are gone).
 */
public final class Backend implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Backend.class);

    static {
        RocksDB.loadLibrary();
    }

    private final Path dir;
    /** The open database: replaced as a whole by {@link #replaceWith}, under {@link #swapLock}'s write lock. */
    private volatile RocksDB db;
    private volatile BackendOptions options;
    private volatile List<ColumnFamilyHandle> allHandles;
    private volatile Map<Bucket, ColumnFamilyHandle> handles;
    /**
     * Held shared by every call that reaches RocksDB's native handles outside a {@link ReadSnapshot} (new snapshots,
     * batches, flushes, properties, checkpoints), exclusively while {@link #replaceWith} closes one database and opens
     * another: RocksDB's JNI crashes the JVM when a closed database is used.
     */
    private final ReentrantReadWriteLock swapLock = new ReentrantReadWriteLock();
    private final WriteOptions writeOptions = new WriteOptions().setDisableWAL(true);
    private final Set<ReadSnapshot> openSnapshots = Collections.newSetFromMap(new IdentityHashMap<>());
    private volatile boolean closed;
    /** Serializes defragmentations, and makes {@link #close()} wait for one in progress. */
    private final Object defragLock = new Object();
    private final List<Consumer<DefragReport>> defragListeners = new CopyOnWriteArrayList<>();
    private final SpaceInUse spaceInUse = new SpaceInUse();

    private Backend(Path dir, RocksDB db, BackendOptions options, List<ColumnFamilyHandle> allHandles,
                    Map<Bucket, ColumnFamilyHandle> handles) {
        this.dir = dir;
        this.db = db;
        this.options = options;
        this.allHandles = allHandles;
        this.handles = handles;
    }

    /** Opens (creating if needed) the database in {@code dir}, with every bucket. */
    public static Backend open(Path dir) {
        Opened opened = openDatabase(dir);
        return new Backend(dir, opened.db, opened.options, opened.allHandles, opened.handles);
    }

    private record Opened(RocksDB db, BackendOptions options, List<ColumnFamilyHandle> allHandles,
                          Map<Bucket, ColumnFamilyHandle> handles) {
    }

    private static Opened openDatabase(Path dir) {
        BackendOptions options = new BackendOptions();
        try {
            Files.createDirectories(dir);
            List<byte[]> names = columnFamilyNames(dir);
            List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
            names.forEach(name -> descriptors.add(new ColumnFamilyDescriptor(name, options.columnFamily)));
            List<ColumnFamilyHandle> allHandles = new ArrayList<>();
            RocksDB db = RocksDB.open(options.db, dir.toString(), descriptors, allHandles);
            return new Opened(db, options, allHandles, bucketHandles(names, allHandles));
        } catch (RocksDBException | IOException e) {
            options.close();
            throw new BackendException("open " + dir, e);
        }
    }

    /**
     * Replaces the whole database by the one in {@code installed} (a verified checkpoint of another member, on this
     * file system), in place: the objects holding this backend keep it, and see the new data from the next call.
     *
     * <p>New snapshots, batches and the like wait; the snapshots still open are waited for (their readers finish
     * on the old database); then the old database is closed and the directories are exchanged by
     * {@link BackendDirs#exchange}, which a crash at any point leaves either wholly old or wholly new. The caller
     * makes sure no batch is being written (the applier is paused, the compaction stopped).
     */
    public void replaceWith(Path installed) {
        swapLock.writeLock().lock();
        try {
            synchronized (defragLock) {
                checkOpen();
                awaitSnapshotsClosed();
                closeNative();
                spaceInUse.clear();
                BackendDirs.exchange(dir, installed);
                Opened opened = openDatabase(dir);
                db = opened.db;
                options = opened.options;
                allHandles = opened.allHandles;
                handles = opened.handles;
            }
        } finally {
            swapLock.writeLock().unlock();
        }
    }

    private void awaitSnapshotsClosed() {
        synchronized (openSnapshots) {
            long since = System.nanoTime();
            while (!openSnapshots.isEmpty()) {
                if (System.nanoTime() - since > 5_000_000_000L) {
                    LOG.infof("replacing the backend waits for %d open reads", openSnapshots.size());
                    since = System.nanoTime();
                }
                try {
                    openSnapshots.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new BackendException("interrupted while waiting for reads", e);
                }
            }
        }
    }

    private <T> T shared(Supplier<T> action) {
        swapLock.readLock().lock();
        try {
            return action.get();
        } finally {
            swapLock.readLock().unlock();
        }
    }

    /** RocksDB insists on opening every existing column family: the ones on disk, then the missing buckets. */
    private static List<byte[]> columnFamilyNames(Path dir) throws RocksDBException {
        Set<String> names = new LinkedHashSet<>();
        names.add(new String(RocksDB.DEFAULT_COLUMN_FAMILY, StandardCharsets.UTF_8));
        try (Options options = new Options()) {
            for (byte[] existing : RocksDB.listColumnFamilies(options, dir.toString())) {
                names.add(new String(existing, StandardCharsets.UTF_8));
            }
        }
        for (Bucket bucket : Bucket.values()) {
            names.add(bucket.bucketName());
        }
        return names.stream().map(n -> n.getBytes(StandardCharsets.UTF_8)).toList();
    }

    private static Map<Bucket, ColumnFamilyHandle> bucketHandles(List<byte[]> names, List<ColumnFamilyHandle> hs) {
        Map<Bucket, ColumnFamilyHandle> byBucket = new EnumMap<>(Bucket.class);
        for (Bucket bucket : Bucket.values()) {
            for (int i = 0; i < names.size(); i++) {
                if (Arrays.equals(names.get(i), bucket.nameBytes())) {
                    byBucket.put(bucket, hs.get(i));
                }
            }
        }
        return byBucket;
    }

    /** A consistent view of all buckets as of now. */
    public ReadSnapshot snapshot() {
        return shared(() -> {
            synchronized (openSnapshots) {
                checkOpen();
                ReadSnapshot snapshot = new ReadSnapshot(this, db, handles);
                openSnapshots.add(snapshot);
                return snapshot;
            }
        });
    }

    void release(ReadSnapshot snapshot) {
        synchronized (openSnapshots) {
            if (openSnapshots.remove(snapshot)) {
                snapshot.releaseNative();
            }
            openSnapshots.notifyAll();
        }
    }

    /** A new, empty batch; commit it with {@link Batch#commit()}. */
    public Batch batch() {
        return shared(() -> {
            checkOpen();
            return new Batch(db, writeOptions, handles);
        });
    }

    /**
     * Writes every committed batch to SST files and returns once they are durable: all column families at once, so
     * the files hold one consistent point of every bucket.
     */
    public void flush() {
        shared(() -> {
            checkOpen();
            flushAll(true);
            return null;
        });
    }

    /**
     * Starts the same flush and returns at once: RocksDB writes the memtables in the background, and the next
     * {@link #flush()} has only what was committed after this call left to write.
     */
    public void startFlush() {
        shared(() -> {
            checkOpen();
            flushAll(false);
            return null;
        });
    }

    private void flushAll(boolean wait) {
        try (FlushOptions options = new FlushOptions().setWaitForFlush(wait)) {
            db.flush(options, allHandles);
        } catch (RocksDBException e) {
            throw new BackendException("flush " + dir, e);
        }
    }

    /** Bytes the database occupies: live SST files plus memtables (not yet flushed). */
    public long size() {
        return property("rocksdb.total-sst-files-size") + property("rocksdb.cur-size-all-mem-tables");
    }

    /**
     * Estimated bytes of live data: what {@link #size()} would shrink to once deleted records and their tombstones
     * are compacted away (see {@link SpaceInUse}); about {@link #size()} right after {@link #defragment()}.
     */
    public long sizeInUse() {
        return shared(() -> {
            checkOpen();
            Map<ColumnFamilyHandle, Bucket> buckets = new IdentityHashMap<>();
            handles.forEach((bucket, handle) -> buckets.put(handle, bucket));
            long inUse = 0;
            try {
                for (ColumnFamilyHandle handle : allHandles) {
                    inUse += spaceInUse.estimate(db, handle, buckets.get(handle));
                }
            } catch (RocksDBException e) {
                throw new BackendException("size in use " + dir, e);
            }
            return inUse;
        });
    }

    /**
     * Tells {@link #sizeInUse()} the keys' and values' bytes of the live records of {@code bucket}, for a bucket whose
     * deletions RocksDB cannot count (range tombstones); the latest call wins.
     */
    public void countLiveBytes(Bucket bucket, LongSupplier liveRawBytes) {
        spaceInUse.countLiveBytes(bucket, liveRawBytes);
    }

    /**
     * Online defragmentation (etcd's Defragment, done RocksDB's way): compacts every column family over its whole
     * key range, forcing the bottommost level to be rewritten too, so that records deleted by MVCC compaction (and
     * their tombstones) are dropped from disk and {@link #size()} shrinks to about {@link #sizeInUse()}.
     *
     * <p>It takes no lock that readers or writers take: RocksDB compacts in the background of reads and writes,
     * which keep going (and are merely slowed by the I/O). Only one defragmentation runs at a time. Records still
     * visible to an open {@link ReadSnapshot} are kept until a later compaction.
     */
    public DefragReport defragment() {
        return shared(this::defragmentNow);
    }

    private DefragReport defragmentNow() {
        synchronized (defragLock) {
            checkOpen();
            long sizeBefore = size();
            long inUseBefore = sizeInUse();
            long start = System.nanoTime();
            compactAll();
            DefragReport report = new DefragReport(sizeBefore, inUseBefore, size(), sizeInUse(),
                    Duration.ofNanos(System.nanoTime() - start));
            log(report);
            defragListeners.forEach(listener -> listener.accept(report));
            return report;
        }
    }

    private void log(DefragReport report) {
        LOG.infof("finished defragmenting directory path=%s db-size-before=%d db-size-in-use-before=%d "
                + "db-size-after=%d db-size-in-use-after=%d db-size-bytes-diff=%d took=%dms", dir,
                report.sizeBefore(), report.sizeInUseBefore(), report.sizeAfter(), report.sizeInUseAfter(),
                report.sizeAfter() - report.sizeBefore(), report.took().toMillis());
    }

    /** Not exclusive: RocksDB's own background compactions go on, so writes never stall behind this one. */
    private void compactAll() {
        try (CompactRangeOptions options = new CompactRangeOptions()
                .setExclusiveManualCompaction(false)
                .setBottommostLevelCompaction(BottommostLevelCompaction.kForce)) {
            for (ColumnFamilyHandle handle : allHandles) {
                db.compactRange(handle, null, null, options);
            }
        } catch (RocksDBException e) {
            throw new BackendException("defragment", e);
        }
    }

    /** Calls {@code listener} after each defragmentation, on the thread that ran it. */
    public void onDefragment(Consumer<DefragReport> listener) {
        defragListeners.add(listener);
    }

    private long property(String name) {
        return shared(() -> {
            checkOpen();
            try {
                return db.getAggregatedLongProperty(name);
            } catch (RocksDBException e) {
                throw new BackendException("property " + name, e);
            }
        });
    }

    /**
     * Writes a consistent, openable copy of the whole database to {@code target}, which must not exist yet (RocksDB's
     * checkpoint: memtables are flushed first, SST files are hard-linked when on the same file system).
     */
    public void checkpoint(Path target) {
        shared(() -> {
            checkOpen();
            try (Checkpoint checkpoint = Checkpoint.create(db)) {
                checkpoint.createCheckpoint(target.toString());
            } catch (RocksDBException e) {
                throw new BackendException("checkpoint to " + target, e);
            }
            return null;
        });
    }

    public Path dir() {
        return dir;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("backend " + dir + " is closed");
        }
    }

    @Override
    public void close() {
        swapLock.writeLock().lock();
        try {
            synchronized (defragLock) {
                closeDatabase();
            }
        } finally {
            swapLock.writeLock().unlock();
        }
    }

    private void closeDatabase() {
        synchronized (openSnapshots) {
            if (closed) {
                return;
            }
            closed = true;
            openSnapshots.forEach(ReadSnapshot::releaseNative);
            openSnapshots.clear();
        }
        closeNative();
        writeOptions.close();
    }

    /** Flushes and closes the open database (the write options serve the next one). */
    private void closeNative() {
        try {
            // RocksDB flushes on close by itself too, unless told to avoid it; with the WAL off the memtables are
            // the only copy of the latest batches outside the Raft log, so this does not depend on that option.
            flushAll(true);
        } finally {
            allHandles.forEach(ColumnFamilyHandle::close);
            db.close();
            options.close();
        }
    }
}
