package io.revkv.store.mvcc;

import io.revkv.store.errors.EtcdError;
import io.revkv.store.errors.EtcdException;
import java.util.concurrent.CompletableFuture;

/**
 * The MVCC key-value store: an in-memory index of key generations over the backend's {@code key} bucket.
 *
 * <p>Threading: any number of concurrent readers; one writer at a time (the applier), which also calls
 * {@link #compact}; the index compaction and physical part of a compaction run on the store's own background
 * thread.
 */
public interface KvStore extends AutoCloseable {

    /** Opens a consistent read view at the current revision. */
    ReadTxn read();

    /** Opens the write txn of the replicated entry at {@code consistentIndex}. */
    WriteTxn write(long consistentIndex);

    /**
     * Compacts history up to {@code revision} (etcd's rules, contract §4): raises the compact revision and commits
     * the scheduled compaction, together with {@code consistentIndex}, before returning; reads below it fail from then
     * on. The index compaction and the disk deletion, in bounded batches, run in the background: writes applied after
     * this one do not wait for them.
     *
     * @return completes when the physical deletion has finished and the finished mark is committed
     * @throws EtcdException {@link EtcdError#COMPACTED} if {@code revision <= compactRevision()},
     *                        {@link EtcdError#FUTURE_REV} if {@code revision > currentRevision()}
     */
    CompletableFuture<Void> compact(long revision, long consistentIndex);

    /**
     * The changes with {@code fromRev <= main revision <= toRev}, in (main, sub) order, read from disk for watchers
     * catching up; at most {@code maxRevisions} distinct main revisions, never half of one.
     *
     * @throws EtcdException {@link EtcdError#COMPACTED} if {@code fromRev < compactRevision()}: that history may
     *                        be gone; {@link EtcdError#FUTURE_REV} if {@code toRev > currentRevision()}
     */
    History history(long fromRev, long toRev, int maxRevisions);

    /**
     * Completes once the most recently scheduled compaction has deleted its records and recorded it on disk; at
     * once when none is under way. A physical Compaction request waits for it.
     */
    CompletableFuture<Void> lastCompaction();

    /** etcd's HashKV at {@code revision} (0 = current). */
    HashKvResult hashKv(long revision);

    /** A CRC-32C over the whole backend except the consistent index; implementation-defined, like etcd's Hash. */
    long hash();

    long currentRevision();

    /** -1 if never compacted. */
    long compactRevision();

    /** The index of the last replicated entry whose effects are committed to the backend; 0 on a new store. */
    long consistentIndex();

    /** The store's counters, and notifications of finished compactions, for metrics. */
    StoreStatistics statistics();

    @Override
    void close();
}
