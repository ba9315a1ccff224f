package io.revkv.store.apply;

import io.revkv.proto.etcdserverpb.RequestOp;
import io.revkv.proto.etcdserverpb.TxnRequest;
import io.revkv.store.mvcc.ReadView;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The branch a Txn takes, and the branch of each nested Txn on that branch, all decided on one view before any op
 * runs (etcd's {@code compareToPath}): a nested compare never sees the writes of the ops before it.
 *
 * @param request   the txn
 * @param succeeded whether its compares held, so that it takes {@code success}
 * @param nested    the path of each nested txn of the branch taken, by its position in that branch
 */
record TxnPath(TxnRequest request, boolean succeeded, Map<Integer, TxnPath> nested) {

    static TxnPath evaluate(ReadView view, TxnRequest request) {
        boolean succeeded = CompareEvaluator.allHold(view, request.getCompareList());
        List<RequestOp> ops = succeeded ? request.getSuccessList() : request.getFailureList();
        Map<Integer, TxnPath> nested = new HashMap<>();
        for (int i = 0; i < ops.size(); i++) {
            if (ops.get(i).hasRequestTxn()) {
                nested.put(i, evaluate(view, ops.get(i).getRequestTxn()));
            }
        }
        return new TxnPath(request, succeeded, Map.copyOf(nested));
    }

    /** The ops of the branch taken. */
    List<RequestOp> ops() {
        return succeeded ? request.getSuccessList() : request.getFailureList();
    }

    /** The path of the nested txn at {@code position} in {@link #ops()}. */
    TxnPath nestedAt(int position) {
        return nested.get(position);
    }
}
