package io.revkv.store.mvcc;

import io.revkv.store.backend.Backend;
import io.revkv.store.backend.Batch;
import io.revkv.store.backend.Bucket;

/**
 * Prepares a backend copied from another member (a restored snapshot) for a new Raft log. Its consistent index
 * counts entries of the old log; the new log starts again at 1, and the state machine skips every entry at or below
 * the consistent index, so the index must go back to 0 or the restored member would ignore its first writes. The
 * snapshot mark names a point of the old log too, and goes. Data, revisions and compaction marks stay as they are.
 */
public final class ConsistentIndexReset {

    private ConsistentIndexReset() {
    }

    /**
     * Sets the stored consistent index to 0 and removes the snapshot mark, durably (no Raft log can replay this);
     * call with no store open on {@code backend}.
     */
    public static void reset(Backend backend) {
        try (Batch batch = backend.batch()) {
            batch.put(Bucket.META, MetaKeys.CONSISTENT_INDEX, MetaKeys.encodeIndex(0))
                    .delete(Bucket.META, MetaKeys.SNAPSHOT)
                    .commit();
        }
        backend.flush();
    }
}
