package io.revkv.store.mvcc;

import com.google.protobuf.ByteString;
import io.revkv.store.backend.Bucket;
import io.revkv.store.backend.ReadSnapshot;
import io.revkv.store.errors.EtcdError;

/**
 * A read txn: the revisions it may read are fixed when it opens, and so is the backend snapshot it reads values
 * from, so nothing committed later shows through. A compaction that happens meanwhile makes reads below the new
 * compact revision fail with {@link EtcdError#COMPACTED} rather than return a partial answer.
 */
final class StoreReadTxn implements ReadTxn {
    private final MvccStore store;
    private final long currentRev;
    private final long compactRev;
    private final ReadSnapshot snapshot;

    StoreReadTxn(MvccStore store, long currentRev, long compactRev, ReadSnapshot snapshot) {
        this.store = store;
        this.currentRev = currentRev;
        this.compactRev = compactRev;
        this.snapshot = snapshot;
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
    public RangeResult range(ByteString key, ByteString end, RangeOptions options) {
        return RangeRead.execute(store, key, end, options, currentRev, rev -> snapshot.get(Bucket.KEY, rev.toKey()));
    }

    @Override
    public void close() {
        snapshot.close();
    }
}
