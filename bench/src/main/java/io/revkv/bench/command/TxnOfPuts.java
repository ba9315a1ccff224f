package io.revkv.bench.command;

import com.google.protobuf.ByteString;
import io.revkv.bench.load.Keys;
import io.revkv.proto.etcdserverpb.PutRequest;
import io.revkv.proto.etcdserverpb.RequestOp;
import io.revkv.proto.etcdserverpb.TxnRequest;

/** A Txn with no compare whose success branch puts consecutive keys (etcd rejects a txn that puts a key twice). */
final class TxnOfPuts {
    private TxnOfPuts() {
    }

    /** Puts {@code value} under keys number {@code first} to {@code first + count - 1} of {@code keys}. */
    static TxnRequest of(Keys keys, ByteString value, long first, int count) {
        TxnRequest.Builder txn = TxnRequest.newBuilder();
        for (int i = 0; i < count; i++) {
            PutRequest put = PutRequest.newBuilder().setKey(keys.key(first + i)).setValue(value).build();
            txn.addSuccess(RequestOp.newBuilder().setRequestPut(put));
        }
        return txn.build();
    }
}
