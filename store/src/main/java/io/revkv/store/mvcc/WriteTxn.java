package io.revkv.store.mvcc;

import com.google.protobuf.ByteString;
import io.revkv.proto.mvccpb.Event;
import java.util.List;

/**
 * The one write transaction of the store: one main revision for all its changes, sub revisions in execution order.
 * Only the applier opens write txns, one at a time.
 *
 * <p>Ranges inside the txn read at {@code currentRevision()} until the txn made a change and at
 * {@code currentRevision() + 1} after, and see the txn's own writes (etcd's {@code storeTxnWrite}).
 *
 * <p>{@link #end()} commits every change, and the consistent index given when the txn was opened, in one atomic
 * backend batch, then publishes the new revision; a txn without changes still records the consistent index and
 * leaves the revision unchanged.
 */
public interface WriteTxn extends ReadView, AutoCloseable {

    /** Writes a new version of {@code key}; returns the main revision of the txn. */
    long put(ByteString key, ByteString value, long lease);

    /** Writes a tombstone for each live key of the range, in key order; returns how many keys were deleted. */
    long deleteRange(ByteString key, ByteString end);

    /**
     * Writes {@code value} under {@code key} in the backend's {@code lease} bucket as part of this txn's batch, so a
     * lease change commits atomically with the keys it touches and the consistent index (etcd's lessor writes in the
     * same backend txn). Changes no revision.
     */
    void putLease(byte[] key, byte[] value);

    /** Deletes {@code key} from the backend's {@code lease} bucket as part of this txn's batch. */
    void deleteLease(byte[] key);

    /** The events of this txn so far, in sub-revision order; a DELETE event's kv holds only key and mod_revision. */
    List<Event> changes();

    /** Commits the txn (see the class comment). */
    void end();

    /** Same as {@link #end()}, so that try-with-resources commits. */
    @Override
    default void close() {
        end();
    }
}
