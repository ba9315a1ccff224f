package io.revkv.store.mvcc;

import com.google.protobuf.ByteString;
import io.revkv.store.backend.Backend;
import io.revkv.store.backend.Batch;
import io.revkv.store.backend.Bucket;
import io.revkv.store.backend.ReadSnapshot;
import io.revkv.store.errors.EtcdError;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.ObjLongConsumer;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The {@link KvStore} over a RocksDB {@link Backend} (etcd's {@code mvcc.store}).
 *
 * <p>Two locks keep readers honest without making them wait for writers:
 * <ul>
 *   <li>the <em>writer lock</em> admits one write txn or compaction at a time; it is held from
 *       {@link #write} to {@link WriteTxn#end()}, which must run on the same thread, and by a compaction only while
 *       it raises the compact revision and commits its scheduled mark;</li>
 *   <li>the <em>view lock</em>: a read holds it shared while it checks its revision against the compact revision and
 *       looks its keys up in the index; a compaction holds it exclusively while it raises the compact revision, and
 *       compacts the index only afterwards, on its own thread. So no lookup ever runs against an index compacted
 *       above the revision it checked.</li>
 * </ul>
 * Writes change the index during the txn but publish the new current revision only after their batch committed;
 * readers read at or below the published revision, so they never see half a txn.
 *
 * <p>The store does not own the backend (other buckets live there too): {@link #close()} stops the background
 * compaction between two batches; the caller closes the backend afterwards.
 */
public final class MvccStore implements KvStore {
    private static final Logger LOG = Logger.getLogger(MvccStore.class);

    private final Backend backend;
    private final Index index = new TreeIndex();
    private final StoreStatistics statistics = new StoreStatistics();
    private final CompactionQueue compactions;
    private final ReentrantLock writerLock = new ReentrantLock();
    private final ReadWriteLock viewLock = new ReentrantReadWriteLock();
    private volatile long currentRev;
    private volatile long compactRev;
    private volatile long consistentIndex;
    private volatile boolean closed;

    private MvccStore(Backend backend, CompactionSettings settings) {
        this.backend = backend;
        this.compactions = new CompactionQueue(backend, index, settings, statistics::compacted);
    }

    /** {@link #open(Backend, CompactionSettings, ObjLongConsumer)} for a store whose keys' leases nobody follows. */
    public static MvccStore open(Backend backend, CompactionSettings settings) {
        return open(backend, settings, (key, lease) -> { });
    }

    /**
     * Opens the store kept in {@code backend}: rebuilds the index from the {@code key} bucket and resumes a
     * compaction that was scheduled but had not finished (contract §1.4, §4.4).
     *
     * @param leasedKeys told, while the store opens, each live key whose latest record has a lease, and the lease
     *                   (what the lessor's attachments are rebuilt from)
     */
    public static MvccStore open(Backend backend, CompactionSettings settings,
                                 ObjLongConsumer<ByteString> leasedKeys) {
        long start = System.nanoTime();
        MvccStore store = new MvccStore(backend, settings);
        StoreRestore.State state = StoreRestore.restore(backend, store.index, leasedKeys);
        store.currentRev = state.currentRev();
        store.compactRev = state.finishedRev();
        store.consistentIndex = state.consistentIndex();
        store.statistics.restored(state.liveKeys(), state.records(), state.recordBytes());
        backend.countLiveBytes(Bucket.KEY, store.statistics::recordBytes);
        LOG.infof("restored the index of %d keys from %d records at revision %d in %d ms", state.liveKeys(),
                state.records(), state.currentRev(), (System.nanoTime() - start) / 1_000_000);
        if (state.scheduledRev() > state.finishedRev()) {
            LOG.infof("resume scheduled compaction at %d", state.scheduledRev());
            store.compactRev = state.scheduledRev();
            store.compactions.submit(state.scheduledRev());
        }
        return store;
    }

    @Override
    public ReadTxn read() {
        checkOpen();
        return underViewLock(() -> new StoreReadTxn(this, currentRev, compactRev, backend.snapshot()));
    }

    @Override
    public WriteTxn write(long consistentIndex) {
        acquireWriter();
        try {
            return new StoreWriteTxn(this, currentRev, compactRev, consistentIndex);
        } catch (RuntimeException e) {
            releaseWriter();
            throw e;
        }
    }

    /**
     * Only raises the compact revision and commits the scheduled mark: the index compaction and the disk deletion
     * run on the compaction thread (see {@link CompactionJob}), so the writes applied after this one do not wait
     * for either.
     */
    @Override
    public CompletableFuture<Void> compact(long revision, long consistentIndex) {
        acquireWriter();
        try {
            underExclusiveViewLock(() -> {
                checkCompactable(revision);
                compactRev = revision;
                return null;
            });
            persistScheduled(revision, consistentIndex);
            return compactions.submit(revision);
        } finally {
            releaseWriter();
        }
    }

    /**
     * Committed before the deletion starts. The backend never keeps a later batch without the earlier ones, so a
     * crash leaves either this mark (the compaction resumes on open) or neither it nor its consistent index (the
     * Raft log applies the compaction again).
     */
    private void persistScheduled(long revision, long appliedIndex) {
        try (Batch batch = backend.batch()) {
            batch.put(Bucket.META, MetaKeys.SCHEDULED_COMPACT_REV, MetaKeys.encodeCompactRev(revision));
            batch.put(Bucket.META, MetaKeys.CONSISTENT_INDEX, MetaKeys.encodeIndex(appliedIndex));
            batch.commit();
        }
        consistentIndex = appliedIndex;
    }

    /** Contract §4.1: at or below the compact revision first (so a second compact(0) fails), then future. */
    private void checkCompactable(long revision) {
        if (revision <= compactRev) {
            throw EtcdError.COMPACTED.exception();
        }
        if (revision > currentRev) {
            throw EtcdError.FUTURE_REV.exception();
        }
    }

    /** Completes when the most recently scheduled compaction (maybe one resumed on open) has finished on disk. */
    @Override
    public CompletableFuture<Void> lastCompaction() {
        return compactions.last();
    }

    /**
     * The check against the compact revision and the snapshot are taken together under the view lock: a compaction
     * raised after that deletes only records below its revision, which the snapshot still holds anyway.
     */
    @Override
    public History history(long fromRev, long toRev, int maxRevisions) {
        checkOpen();
        ReadSnapshot snapshot = underViewLock(() -> {
            if (fromRev < compactRev) {
                throw EtcdError.COMPACTED.exception();
            }
            if (toRev > currentRev) {
                throw EtcdError.FUTURE_REV.exception();
            }
            return backend.snapshot();
        });
        try (snapshot) {
            return HistoryRead.read(snapshot, fromRev, toRev, maxRevisions);
        }
    }

    /**
     * etcd's HashKV; {@code revision} 0 means current. A hash of a revision in the range a running disk deletion is
     * still cleaning can differ from the final one only when nothing at all survives the compaction (etcd alike).
     */
    @Override
    public HashKvResult hashKv(long revision) {
        checkOpen();
        HashInput in = underViewLock(() -> {
            long current = currentRev;
            long hashRev = hashRevision(revision, current, compactRev);
            return new HashInput(current, compactRev, hashRev, index.keep(hashRev), backend.snapshot());
        });
        try (ReadSnapshot snapshot = in.snapshot) {
            long hash = HashKv.compute(snapshot, in.compactRev, in.hashRev, in.keep);
            return new HashKvResult(hash, in.compactRev, in.hashRev, in.currentRev);
        }
    }

    /** What a HashKV must take atomically with respect to compaction; the hashing itself runs outside the lock. */
    private record HashInput(long currentRev, long compactRev, long hashRev, Set<Revision> keep,
                             ReadSnapshot snapshot) {
    }

    private static long hashRevision(long requested, long current, long compacted) {
        if (requested > 0 && requested < compacted) {
            throw EtcdError.COMPACTED.exception();
        }
        if (requested > current) {
            throw EtcdError.FUTURE_REV.exception();
        }
        return requested == 0 ? current : requested;
    }

    @Override
    public long hash() {
        checkOpen();
        try (ReadSnapshot snapshot = backend.snapshot()) {
            return BackendHash.compute(snapshot);
        }
    }

    @Override
    public StoreStatistics statistics() {
        return statistics;
    }

    @Override
    public long currentRevision() {
        return currentRev;
    }

    @Override
    public long compactRevision() {
        return compactRev;
    }

    @Override
    public long consistentIndex() {
        return consistentIndex;
    }

    /** Waits for an open write txn to end, then stops the background compaction; see the class comment. */
    @Override
    public void close() {
        writerLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            compactions.close();
        } finally {
            writerLock.unlock();
        }
    }

    Backend backend() {
        return backend;
    }

    Index index() {
        return index;
    }

    <T> T underViewLock(Supplier<T> action) {
        viewLock.readLock().lock();
        try {
            return action.get();
        } finally {
            viewLock.readLock().unlock();
        }
    }

    private <T> T underExclusiveViewLock(Supplier<T> action) {
        viewLock.writeLock().lock();
        try {
            return action.get();
        } finally {
            viewLock.writeLock().unlock();
        }
    }

    private void acquireWriter() {
        if (writerLock.isHeldByCurrentThread()) {
            throw new IllegalStateException("a write txn is already open on this thread");
        }
        writerLock.lock();
        if (closed) {
            writerLock.unlock();
            throw new IllegalStateException("store is closed");
        }
    }

    void releaseWriter() {
        writerLock.unlock();
    }

    /** Called by the write txn once its batch is committed: readers may now read {@code revision}. */
    void publish(long revision, long appliedIndex) {
        consistentIndex = appliedIndex;
        currentRev = revision;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("store is closed");
        }
    }
}
