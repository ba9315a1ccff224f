package io.revkv.store.testing;

import com.google.protobuf.ByteString;
import io.revkv.proto.etcdserverpb.Compare;
import io.revkv.proto.etcdserverpb.DeleteRangeRequest;
import io.revkv.proto.etcdserverpb.PutRequest;
import io.revkv.proto.etcdserverpb.RangeRequest;
import io.revkv.proto.etcdserverpb.RequestOp;
import io.revkv.proto.etcdserverpb.TxnRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Short builders for KV requests in tests: keys and values are UTF-8 strings, {@code "\0"} included. */
public final class KvOps {

    private KvOps() {
    }

    public static ByteString bytes(String s) {
        return ByteString.copyFrom(s, StandardCharsets.UTF_8);
    }

    public static PutRequest put(String key, String value) {
        return PutRequest.newBuilder().setKey(bytes(key)).setValue(bytes(value)).build();
    }

    public static DeleteRangeRequest delete(String key) {
        return DeleteRangeRequest.newBuilder().setKey(bytes(key)).build();
    }

    public static DeleteRangeRequest delete(String key, String rangeEnd) {
        return DeleteRangeRequest.newBuilder().setKey(bytes(key)).setRangeEnd(bytes(rangeEnd)).build();
    }

    public static RangeRequest range(String key) {
        return RangeRequest.newBuilder().setKey(bytes(key)).build();
    }

    public static RangeRequest range(String key, String rangeEnd) {
        return RangeRequest.newBuilder().setKey(bytes(key)).setRangeEnd(bytes(rangeEnd)).build();
    }

    public static RequestOp op(PutRequest put) {
        return RequestOp.newBuilder().setRequestPut(put).build();
    }

    public static RequestOp op(DeleteRangeRequest delete) {
        return RequestOp.newBuilder().setRequestDeleteRange(delete).build();
    }

    public static RequestOp op(RangeRequest range) {
        return RequestOp.newBuilder().setRequestRange(range).build();
    }

    public static RequestOp op(TxnRequest txn) {
        return RequestOp.newBuilder().setRequestTxn(txn).build();
    }

    /** A txn without compares: it takes {@code success}. */
    public static TxnRequest txn(RequestOp... success) {
        return TxnRequest.newBuilder().addAllSuccess(List.of(success)).build();
    }

    public static TxnRequest txn(List<Compare> compares, List<RequestOp> success, List<RequestOp> failure) {
        return TxnRequest.newBuilder().addAllCompare(compares).addAllSuccess(success).addAllFailure(failure).build();
    }
}
