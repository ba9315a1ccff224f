package io.revkv.store.mvcc;

import java.util.concurrent.CompletableFuture;

/**
 * A {@link KvStore} that passes every call to another: a wrapper that adds to a few calls extends it and overrides
 * only those.
 */
public abstract class ForwardingKvStore implements KvStore {

    private final KvStore store;

    protected ForwardingKvStore(KvStore store) {
        this.store = store;
    }

    @Override
    public ReadTxn read() {
        return store.read();
    }

    @Override
    public WriteTxn write(long consistentIndex) {
        return store.write(consistentIndex);
    }

    @Override
    public CompletableFuture<Void> compact(long revision, long consistentIndex) {
        return store.compact(revision, consistentIndex);
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
