package io.revkv.store.apply;

import com.google.protobuf.ByteString;
import io.revkv.proto.etcdserverpb.DeleteRangeRequest;
import io.revkv.proto.etcdserverpb.PutRequest;
import io.revkv.proto.etcdserverpb.RequestOp;
import io.revkv.store.errors.EtcdError;
import io.revkv.store.lease.Lessor;
import io.revkv.store.mvcc.KeyOrder;
import io.revkv.store.mvcc.RangeOptions;
import io.revkv.store.mvcc.ReadView;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Checks every op on a Txn's taken path before the first one runs (etcd's {@code checkRequests}), so that a failing
 * txn writes nothing: a put with {@code ignore_value} or {@code ignore_lease} needs its key to exist when it runs,
 * and a put naming a lease needs the lease to exist; a range revision above the view's revision is a future revision
 * and one below its compact revision is compacted. Like etcd, every put of the path is checked before any range, so
 * a txn with both kinds of fault fails on the put.
 *
 * <p>The revision check is etcd's txn check, which differs from a standalone Range for negative revisions: 0 means
 * current, while a negative one is below the compact revision (-1 on a never-compacted store), so -2 is compacted.
 *
 * <p>etcd checks key existence on the view before the txn; the API's duplicate-key rule makes that equal to existence
 * when the put runs, except through the accepted {@code "\0"} quirk (a delete to {@code "\0"} that removes the key
 * first), where etcd panics mid-txn. Replaying the earlier puts and deletes of the path gives the exact answer.
 */
final class TxnPrecheck {

    private static final ByteString TO_THE_END = ByteString.copyFrom(new byte[] {0});
    private static final RangeOptions COUNT = new RangeOptions(0, 0, true);

    private final ReadView view;
    private final Lessor leases;
    private final List<RequestOp> earlierWrites = new ArrayList<>();

    private TxnPrecheck(ReadView view, Lessor leases) {
        this.view = view;
        this.leases = leases;
    }

    /** Throws what the taken path would fail with; {@code view} must not hold the txn's writes yet. */
    static void check(ReadView view, TxnPath path, Lessor leases) {
        TxnPrecheck check = new TxnPrecheck(view, leases);
        check.walk(path, check::checkWrite);
        check.walk(path, check::checkRange);
    }

    /** Visits the path's ops depth first, in execution order. */
    private void walk(TxnPath path, Consumer<RequestOp> visitor) {
        List<RequestOp> ops = path.ops();
        for (int i = 0; i < ops.size(); i++) {
            if (ops.get(i).hasRequestTxn()) {
                walk(path.nestedAt(i), visitor);
            } else {
                visitor.accept(ops.get(i));
            }
        }
    }

    private void checkWrite(RequestOp op) {
        if (op.hasRequestPut()) {
            checkPut(op);
        } else if (op.hasRequestDeleteRange()) {
            earlierWrites.add(op);
        }
    }

    private void checkRange(RequestOp op) {
        if (op.hasRequestRange()) {
            checkRevision(op.getRequestRange().getRevision());
        }
    }

    private void checkRevision(long revision) {
        if (revision == 0) {
            return;
        }
        if (revision > view.currentRevision()) {
            throw EtcdError.FUTURE_REV.exception();
        }
        if (revision < view.compactRevision()) {
            throw EtcdError.COMPACTED.exception();
        }
    }

    private void checkPut(RequestOp op) {
        PutRequest put = op.getRequestPut();
        if ((put.getIgnoreValue() || put.getIgnoreLease()) && !existsWhenReached(put.getKey())) {
            throw EtcdError.KEY_NOT_FOUND.exception();
        }
        if (put.getLease() != 0 && !leases.exists(put.getLease())) {
            throw EtcdError.LEASE_NOT_FOUND.exception();
        }
        earlierWrites.add(op);
    }

    /** The last earlier write touching {@code key} decides; without one, the view does. */
    private boolean existsWhenReached(ByteString key) {
        for (int i = earlierWrites.size() - 1; i >= 0; i--) {
            RequestOp write = earlierWrites.get(i);
            if (write.hasRequestPut() && write.getRequestPut().getKey().equals(key)) {
                return true;
            }
            if (write.hasRequestDeleteRange() && deletes(write.getRequestDeleteRange(), key)) {
                return false;
            }
        }
        return view.range(key, ByteString.EMPTY, COUNT).count() > 0;
    }

    /** Whether {@code delete} covers {@code key}, with the store's meaning of range_end (empty, "\0", or an end). */
    private static boolean deletes(DeleteRangeRequest delete, ByteString key) {
        ByteString end = delete.getRangeEnd();
        if (end.isEmpty()) {
            return delete.getKey().equals(key);
        }
        var unsigned = KeyOrder.UNSIGNED;
        return unsigned.compare(delete.getKey(), key) <= 0
                && (end.equals(TO_THE_END) || unsigned.compare(key, end) < 0);
    }
}
