package io.revkv.store.api;

import io.revkv.proto.etcdserverpb.RequestOp;
import io.revkv.proto.etcdserverpb.TxnRequest;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * How a Txn is served (contract §3.3): a read-only txn is read locally, without the log; only if it is also
 * serializable does it skip the linearizable read-index round.
 */
public final class TxnKind {

    private TxnKind() {
    }

    /** Every op of both branches is a range; a nested txn makes it a write txn even if it only reads. */
    public static boolean isReadOnly(TxnRequest r) {
        return allOps(r, RequestOp::hasRequestRange);
    }

    /** Every op of both branches is a serializable range. */
    public static boolean isSerializable(TxnRequest r) {
        return allOps(r, op -> op.hasRequestRange() && op.getRequestRange().getSerializable());
    }

    private static boolean allOps(TxnRequest r, Predicate<RequestOp> test) {
        return Stream.of(r.getSuccessList(), r.getFailureList()).flatMap(List::stream).allMatch(test);
    }
}
