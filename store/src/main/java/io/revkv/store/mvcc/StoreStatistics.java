package io.revkv.store.mvcc;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * What the store counts for its metrics (etcd's mvcc counters): puts and deletes applied, keys alive at the current
 * revision, and each finished compaction. Plain counters, so the store does not depend on a metrics library.
 */
public final class StoreStatistics {

    private final LongAdder puts = new LongAdder();
    private final LongAdder deletes = new LongAdder();
    private final AtomicLong keys = new AtomicLong();
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong recordBytes = new AtomicLong();
    private final List<Consumer<CompactionReport>> compactionListeners = new CopyOnWriteArrayList<>();

    /** Puts applied since the store opened (etcd_mvcc_put_total). */
    public long puts() {
        return puts.sum();
    }

    /** Keys deleted since the store opened, one per key (etcd_mvcc_delete_total). */
    public long deletes() {
        return deletes.sum();
    }

    /** Keys alive at the current revision (etcd_debugging_mvcc_keys_total). */
    public long keys() {
        return keys.get();
    }

    /**
     * Records in the {@code key} bucket that no compaction deleted: every revision of every key since the compact
     * revision, plus the one each key keeps from before it.
     */
    public long records() {
        return records.get();
    }

    /** The keys' and values' bytes of {@link #records()}: what the backend's size in use is estimated from. */
    public long recordBytes() {
        return recordBytes.get();
    }

    /** Calls {@code listener} after each physical compaction finished, on the compaction thread. */
    public void onCompaction(Consumer<CompactionReport> listener) {
        compactionListeners.add(listener);
    }

    void put(boolean created) {
        puts.increment();
        if (created) {
            keys.incrementAndGet();
        }
    }

    void deleted() {
        deletes.increment();
        keys.decrementAndGet();
    }

    void recordWritten(long bytes) {
        records.incrementAndGet();
        recordBytes.addAndGet(bytes);
    }

    void restored(long liveKeys, long liveRecords, long liveRecordBytes) {
        keys.set(liveKeys);
        records.set(liveRecords);
        recordBytes.set(liveRecordBytes);
    }

    void compacted(CompactionReport report) {
        records.addAndGet(-report.keysRemoved());
        recordBytes.addAndGet(-report.bytesRemoved());
        compactionListeners.forEach(listener -> listener.accept(report));
    }
}
