package io.revkv.store.mvcc;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.StampedLock;
import java.util.function.Supplier;

/**
 * A {@link KvStore} whose implementation can be replaced while the member runs: when a snapshot from the leader is
 * installed, the store is reopened on the new backend and everything holding this object sees the new one.
 *
 * <p>Every call is made under a shared gate, and {@link #replace} holds it exclusively: calls that start during a
 * replacement wait for it and then go to the new store, never to a closed one. A read txn opened before keeps its
 * backend snapshot; the backend waits for it to be closed before it closes its database.
 */
public final class ReplaceableStore implements KvStore {

    private final StampedLock gate = new StampedLock();
    private volatile KvStore store;

    public ReplaceableStore(KvStore store) {
        this.store = store;
    }

    /**
     * Closes the current store, runs {@code reopen} (which replaces what the store is kept in and opens a store on
     * it) and serves from its result; calls made meanwhile wait.
     */
    public void replace(Supplier<KvStore> reopen) {
        long stamp = gate.writeLock();
        try {
            store.close();
            store = reopen.get();
        } finally {
            gate.unlockWrite(stamp);
        }
    }

    private <T> T shared(Supplier<T> call) {
        long stamp = gate.readLock();
        try {
            return call.get();
        } finally {
            gate.unlockRead(stamp);
        }
    }

    @Override
    public ReadTxn read() {
        return shared(() -> store.read());
    }

    /** Only the applier writes, and it is paused while the store is replaced. */
    @Override
    public WriteTxn write(long consistentIndex) {
        return shared(() -> store.write(consistentIndex));
    }

    @Override
    public CompletableFuture<Void> compact(long revision, long consistentIndex) {
        return shared(() -> store.compact(revision, consistentIndex));
    }

    @Override
    public History history(long fromRev, long toRev, int maxRevisions) {
        return shared(() -> store.history(fromRev, toRev, maxRevisions));
    }

    @Override
    public CompletableFuture<Void> lastCompaction() {
        return shared(() -> store.lastCompaction());
    }

    @Override
    public HashKvResult hashKv(long revision) {
        return shared(() -> store.hashKv(revision));
    }

    @Override
    public long hash() {
        return shared(() -> store.hash());
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
        long stamp = gate.writeLock();
        try {
            store.close();
        } finally {
            gate.unlockWrite(stamp);
        }
    }
}
