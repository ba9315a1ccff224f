package io.revkv.store.mvcc;

import com.google.protobuf.ByteString;
import io.revkv.store.errors.EtcdError;

/**
 * A consistent view of the key space: what a reader sees never changes while the view is open, even while writers
 * commit and compaction deletes history in the background.
 */
public interface ReadView {

    /** The store's current revision when this view began (for a write txn: before its own changes). */
    long currentRevision();

    /** The compact revision when this view began; -1 if the store was never compacted. */
    long compactRevision();

    /**
     * Reads the live keys of a range at a revision.
     *
     * <p>{@code end} follows etcd: empty means the single key {@code key}; the one byte {@code 0x00} means every key
     * {@code >= key}; otherwise the half-open range {@code [key, end)}, empty when {@code end <= key} (unsigned byte
     * order). A {@code revision} above the view's current revision throws {@link EtcdError#FUTURE_REV}; below the
     * compact revision throws {@link EtcdError#COMPACTED}; exactly the compact revision is allowed.
     */
    RangeResult range(ByteString key, ByteString end, RangeOptions options);
}
