package io.revkv.store.crash;

import com.google.protobuf.ByteString;
import io.grpc.Channel;
import io.revkv.proto.etcdserverpb.CompactionRequest;
import io.revkv.proto.etcdserverpb.HashKVRequest;
import io.revkv.proto.etcdserverpb.KVGrpc;
import io.revkv.proto.etcdserverpb.MaintenanceGrpc;
import io.revkv.proto.etcdserverpb.PutRequest;
import io.revkv.proto.etcdserverpb.RangeRequest;
import io.revkv.proto.etcdserverpb.RangeResponse;
import io.revkv.proto.etcdserverpb.RequestOp;
import io.revkv.proto.etcdserverpb.TxnRequest;
import io.revkv.proto.mvccpb.KeyValue;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The few client calls the crash tests make, over plain gRPC stubs. */
final class StoreProbe {

    private final Channel channel;

    StoreProbe(Channel channel) {
        this.channel = channel;
    }

    // A deadline is absolute, so each call gets a fresh stub.
    private KVGrpc.KVBlockingStub kv() {
        return KVGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    private MaintenanceGrpc.MaintenanceBlockingStub maintenance() {
        return MaintenanceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    /** Every live key under {@code prefix} at {@code revision} (0 = current), key → value. */
    Map<String, String> readPrefix(String prefix, long revision) {
        ByteString start = ByteString.copyFromUtf8(prefix);
        ByteString end = ByteString.copyFromUtf8(prefix.substring(0, prefix.length() - 1)
                + (char) (prefix.charAt(prefix.length() - 1) + 1));
        RangeResponse r = kv().range(RangeRequest.newBuilder().setKey(start).setRangeEnd(end).setRevision(revision).build());
        Map<String, String> out = new LinkedHashMap<>();
        for (KeyValue v : r.getKvsList()) {
            out.put(v.getKey().toStringUtf8(), v.getValue().toStringUtf8());
        }
        return out;
    }

    long currentRevision() {
        return kv().range(RangeRequest.newBuilder().setKey(ByteString.copyFromUtf8("probe")).build())
                .getHeader().getRevision();
    }

    long compactRevision() {
        return maintenance().hashKV(HashKVRequest.getDefaultInstance()).getCompactRevision();
    }

    /** Writes {@code txns} revisions, each putting every one of {@code keys} keys under {@code prefix}. */
    void writeHistory(String prefix, int txns, int keys) {
        for (int t = 0; t < txns; t++) {
            TxnRequest.Builder txn = TxnRequest.newBuilder();
            for (int k = 0; k < keys; k++) {
                txn.addSuccess(RequestOp.newBuilder().setRequestPut(PutRequest.newBuilder()
                        .setKey(ByteString.copyFromUtf8(prefix + k))
                        .setValue(ByteString.copyFromUtf8("t" + t))));
            }
            kv().txn(txn.build());
        }
    }

    void put(String key, String value) {
        kv().put(PutRequest.newBuilder().setKey(ByteString.copyFromUtf8(key)).setValue(ByteString.copyFromUtf8(value))
                .build());
    }

    void compact(long revision, boolean physical) {
        kv().compact(CompactionRequest.newBuilder().setRevision(revision).setPhysical(physical).build());
    }
}
