package io.revkv.store.apply;

import com.google.protobuf.ByteString;
import io.revkv.proto.etcdserverpb.DeleteRangeRequest;
import io.revkv.proto.etcdserverpb.DeleteRangeResponse;
import io.revkv.proto.etcdserverpb.PutRequest;
import io.revkv.proto.etcdserverpb.PutResponse;
import io.revkv.proto.mvccpb.KeyValue;
import io.revkv.store.errors.EtcdError;
import io.revkv.store.errors.EtcdException;
import io.revkv.store.mvcc.RangeOptions;
import io.revkv.store.mvcc.WriteTxn;
import java.util.List;

/**
 * Put and DeleteRange inside a write txn (contract §3.1, §3.2), alone or as ops of a Txn. Reads of the previous
 * record see the txn's own earlier writes.
 */
final class WriteExecutor {

    private WriteExecutor() {
    }

    /**
     * {@code ignore_value} and {@code ignore_lease} reuse the current record's value and lease; otherwise the
     * request's lease replaces the old one, so a plain put with lease 0 detaches the key from its lease.
     *
     * @throws EtcdException {@link EtcdError#KEY_NOT_FOUND} if an ignore flag is set and the key does not exist;
     *                        nothing is written then
     */
    static PutResponse put(WriteTxn txn, PutRequest r) {
        boolean reuses = r.getIgnoreValue() || r.getIgnoreLease();
        KeyValue previous = reuses || r.getPrevKv() ? current(txn, r.getKey()) : null;
        if (reuses && previous == null) {
            throw EtcdError.KEY_NOT_FOUND.exception();
        }
        ByteString value = r.getIgnoreValue() ? previous.getValue() : r.getValue();
        long lease = r.getIgnoreLease() ? previous.getLease() : r.getLease();
        PutResponse.Builder response = PutResponse.newBuilder()
                .setHeader(Headers.of(txn.put(r.getKey(), value, lease)));
        if (r.getPrevKv() && previous != null) {
            response.setPrevKv(previous);
        }
        return response.build();
    }

    /** {@code prev_kvs}, when asked for, are the deleted records in key order. */
    static DeleteRangeResponse deleteRange(WriteTxn txn, DeleteRangeRequest r) {
        List<KeyValue> previous = r.getPrevKv()
                ? txn.range(r.getKey(), r.getRangeEnd(), RangeOptions.CURRENT).kvs()
                : List.of();
        long deleted = txn.deleteRange(r.getKey(), r.getRangeEnd());
        return DeleteRangeResponse.newBuilder()
                .setHeader(Headers.of(Headers.visibleRevision(txn)))
                .setDeleted(deleted)
                .addAllPrevKvs(previous)
                .build();
    }

    private static KeyValue current(WriteTxn txn, ByteString key) {
        List<KeyValue> kvs = txn.range(key, ByteString.EMPTY, RangeOptions.CURRENT).kvs();
        return kvs.isEmpty() ? null : kvs.get(0);
    }
}
