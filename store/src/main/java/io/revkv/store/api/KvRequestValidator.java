package io.revkv.store.api;

import io.grpc.StatusRuntimeException;
import io.revkv.proto.etcdserverpb.Compare;
import io.revkv.proto.etcdserverpb.DeleteRangeRequest;
import io.revkv.proto.etcdserverpb.PutRequest;
import io.revkv.proto.etcdserverpb.RangeRequest;
import io.revkv.proto.etcdserverpb.RequestOp;
import io.revkv.proto.etcdserverpb.TxnRequest;
import io.revkv.store.errors.EtcdError;

/**
 * The checks a KV request passes before it is proposed (etcd's {@code v3rpc/key.go}); each failure throws the
 * {@link StatusRuntimeException} of an {@link EtcdError}. What needs the store's state (a key that must exist, a
 * revision, a lease) is checked at apply time instead.
 */
public final class KvRequestValidator {

    private KvRequestValidator() {
    }

    public static void checkRange(RangeRequest r) {
        requireKey(r.getKey().isEmpty());
    }

    public static void checkPut(PutRequest r) {
        requireKey(r.getKey().isEmpty());
        if (r.getIgnoreValue() && !r.getValue().isEmpty()) {
            throw EtcdError.VALUE_PROVIDED.statusException();
        }
        if (r.getIgnoreLease() && r.getLease() != 0) {
            throw EtcdError.LEASE_PROVIDED.statusException();
        }
    }

    public static void checkDeleteRange(DeleteRangeRequest r) {
        requireKey(r.getKey().isEmpty());
    }

    /**
     * Checks the shape of the txn first (op counts, keys, each op), then the duplicate-key rule on each branch
     * ({@link TxnDuplicateKeys}), which is costlier and so runs only on a txn of bounded size.
     *
     * @param maxTxnOps {@code --max-txn-ops}: the most compares, or ops of one branch, a txn may hold; a nested txn
     *                  gets what its parent left: {@code maxTxnOps} minus the parent's largest count
     */
    public static void checkTxn(TxnRequest r, int maxTxnOps) {
        checkTxnShape(r, maxTxnOps);
        TxnDuplicateKeys.check(r.getSuccessList());
        TxnDuplicateKeys.check(r.getFailureList());
    }

    private static void checkTxnShape(TxnRequest r, int maxTxnOps) {
        int opCount = Math.max(r.getCompareCount(), Math.max(r.getSuccessCount(), r.getFailureCount()));
        if (opCount > maxTxnOps) {
            throw EtcdError.TOO_MANY_OPS.statusException();
        }
        for (Compare c : r.getCompareList()) {
            requireKey(c.getKey().isEmpty());
        }
        r.getSuccessList().forEach(op -> checkOp(op, maxTxnOps - opCount));
        r.getFailureList().forEach(op -> checkOp(op, maxTxnOps - opCount));
    }

    private static void checkOp(RequestOp op, int maxTxnOps) {
        switch (op.getRequestCase()) {
            case REQUEST_RANGE -> checkRange(op.getRequestRange());
            case REQUEST_PUT -> checkPut(op.getRequestPut());
            case REQUEST_DELETE_RANGE -> checkDeleteRange(op.getRequestDeleteRange());
            case REQUEST_TXN -> checkTxnShape(op.getRequestTxn(), maxTxnOps);
            case REQUEST_NOT_SET -> throw EtcdError.KEY_NOT_FOUND.statusException();
        }
    }

    private static void requireKey(boolean keyIsEmpty) {
        if (keyIsEmpty) {
            throw EtcdError.KEY_NOT_PROVIDED.statusException();
        }
    }
}
