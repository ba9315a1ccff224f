package io.revkv.store.apply;

import io.revkv.proto.etcdserverpb.RequestOp;
import io.revkv.proto.etcdserverpb.ResponseHeader;
import io.revkv.proto.etcdserverpb.ResponseOp;
import io.revkv.proto.etcdserverpb.TxnRequest;
import io.revkv.proto.etcdserverpb.TxnResponse;
import io.revkv.store.lease.Lessor;
import io.revkv.store.mvcc.ReadView;
import io.revkv.store.mvcc.WriteTxn;
import java.util.List;

/**
 * Runs a Txn (contract §3.3) on one view: a read view for a read-only txn, the entry's write txn otherwise.
 * <ol>
 *   <li>decide the path: the compares of the txn and of the nested txns on its taken branch ({@link TxnPath});</li>
 *   <li>check the ops on that path ({@link TxnPrecheck}); a failure throws before anything is written;</li>
 *   <li>run the ops in order, depth first, each seeing the writes before it; all writes share one revision.</li>
 * </ol>
 * Inner headers carry what the txn shows at that op ({@link Headers}); a nested txn's response has an empty header,
 * as in etcd, and the top header carries the revision after the txn.
 */
final class TxnExecutor {

    private final ReadView view;

    private TxnExecutor(ReadView view) {
        this.view = view;
    }

    /** @throws IllegalArgumentException if the path taken holds a write and {@code view} is not a write txn */
    static TxnResponse execute(ReadView view, TxnRequest request, Lessor leases) {
        TxnPath path = TxnPath.evaluate(view, request);
        TxnPrecheck.check(view, path, leases);
        TxnResponse.Builder response = new TxnExecutor(view).run(path);
        return response.setHeader(Headers.of(Headers.visibleRevision(view))).build();
    }

    private TxnResponse.Builder run(TxnPath path) {
        TxnResponse.Builder response = TxnResponse.newBuilder().setSucceeded(path.succeeded());
        List<RequestOp> ops = path.ops();
        for (int i = 0; i < ops.size(); i++) {
            response.addResponses(apply(ops.get(i), path, i));
        }
        return response;
    }

    private ResponseOp apply(RequestOp op, TxnPath path, int position) {
        ResponseOp.Builder response = ResponseOp.newBuilder();
        switch (op.getRequestCase()) {
            case REQUEST_RANGE -> response.setResponseRange(RangeExecutor.range(view, op.getRequestRange()));
            case REQUEST_PUT -> response.setResponsePut(WriteExecutor.put(writer(), op.getRequestPut()));
            case REQUEST_DELETE_RANGE ->
                    response.setResponseDeleteRange(WriteExecutor.deleteRange(writer(), op.getRequestDeleteRange()));
            case REQUEST_TXN -> response.setResponseTxn(
                    run(path.nestedAt(position)).setHeader(ResponseHeader.getDefaultInstance()));
            // The API rejects an empty op before raft; etcd leaves its response empty too.
            case REQUEST_NOT_SET -> { }
        }
        return response.build();
    }

    private WriteTxn writer() {
        if (view instanceof WriteTxn write) {
            return write;
        }
        throw new IllegalArgumentException("a read-only txn holds a write op");
    }
}
