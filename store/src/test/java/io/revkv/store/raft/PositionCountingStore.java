package io.revkv.store.raft;

import io.revkv.store.mvcc.HashKvResult;
import io.revkv.store.mvcc.History;
import io.revkv.store.mvcc.KvStore;
import io.revkv.store.mvcc.ReadTxn;
import io.revkv.store.mvcc.StoreStatistics;
import io.revkv.store.mvcc.WriteTxn;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A real store that also lists every position written to it as its consistent index: each write txn opened (it
 * records its position when it ends) and each compaction that persisted its scheduled mark. A position listed twice
 * was recorded twice.
 */
final class PositionCountingStore implements KvStore {

    private final KvStore store;
    private final List<Long> recorded = new ArrayList<>();

    PositionCountingStore(KvStore store) {
        this.store = store;
    }

    List<Long> recorded() {
        return List.copyOf(recorded);
    }

    @Override
    public WriteTxn write(long consistentIndex) {
        WriteTxn txn = store.write(consistentIndex);
        recorded.add(consistentIndex);
        return txn;
    }

    /** A compaction that throws has persisted nothing. */
    @Override
    public CompletableFuture<Void> compact(long revision, long consistentIndex) {
        CompletableFuture<Void> done = store.compact(revision, consistentIndex);
        recorded.add(consistentIndex);
        return done;
    }

    @Override
    public ReadTxn read() {
        return store.read();
    }

    @Override
    public History history(long fromRev, long toRev, int maxRevisions) {
        return store.history(fromRev, toRev, maxRevisions);
    }

    @Override
    public CompletableFuture<Void> lastCompaction() {
        return store.lastCompaction();
    }

    @Override
    public HashKvResult hashKv(long revision) {
        return store.hashKv(revision);
    }

    @Override
    public long hash() {
        return store.hash();
    }

    @Override
    public long currentRevision() {
        return store.currentRevision();
    }

    @Override
    public long compactRevision() {
        return store.compactRevision();
    }

    @Override
    public long consistentIndex() {
        return store.consistentIndex();
    }

    @Override
    public StoreStatistics statistics() {
        return store.statistics();
    }

    @Override
    public void close() {
        store.close();
    }
}
