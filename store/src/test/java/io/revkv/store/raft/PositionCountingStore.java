package io.revkv.store.raft;

import io.revkv.store.mvcc.ForwardingKvStore;
import io.revkv.store.mvcc.KvStore;
import io.revkv.store.mvcc.WriteTxn;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A real store that also lists every position written to it as its consistent index: each write txn opened (it
 * records its position when it ends) and each compaction that persisted its scheduled mark. A position listed twice
 * was recorded twice.
 */
final class PositionCountingStore extends ForwardingKvStore {
    private final List<Long> recorded = new ArrayList<>();

    PositionCountingStore(KvStore store) {
        super(store);
    }

    List<Long> recorded() {
        return List.copyOf(recorded);
    }

    @Override
    public WriteTxn write(long consistentIndex) {
        WriteTxn txn = super.write(consistentIndex);
        recorded.add(consistentIndex);
        return txn;
    }

    /** A compaction that throws has persisted nothing. */
    @Override
    public CompletableFuture<Void> compact(long revision, long consistentIndex) {
        CompletableFuture<Void> done = super.compact(revision, consistentIndex);
        recorded.add(consistentIndex);
        return done;
    }
}
