package io.revkv.store.apply;

import io.revkv.store.mvcc.KvStore;

/**
 * The one place that makes sure every replicated request's position ends up recorded as the store's consistent
 * index, whatever the applier did with the request (etcd records its consistent index from the backend's commit hook,
 * after every entry). The state machine asks it, for each request: {@link #applied} before applying, {@link #record}
 * after the applier returned or threw.
 *
 * <p>A request that changes the store records its position itself, in the same backend batch as its effects (its
 * write txn, or a compaction's scheduled mark, is opened with the position), so that a crash keeps both or neither.
 * Everything else is recorded here, in an empty batch of its own: a request an applier refused (NOSPACE, CORRUPT, a
 * compaction of a compacted or future revision), an alarm and a membership change (whose buckets their own batches
 * wrote before: re-applying them after a crash leaves the same state). No position is written twice.
 */
public final class AppliedPositions {

    private final KvStore store;

    public AppliedPositions(KvStore store) {
        this.store = store;
    }

    /** Whether the request at {@code position} was applied before (a replay after a restart skips it). */
    public boolean applied(long position) {
        return position <= store.consistentIndex();
    }

    /** Records {@code position} as applied, unless the batch that carried the request's effects did already. */
    public void record(long position) {
        if (!applied(position)) {
            store.write(position).end();
        }
    }
}
