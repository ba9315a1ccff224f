package io.revkv.store.api;

import com.google.protobuf.ByteString;
import io.revkv.proto.etcdserverpb.DeleteRangeRequest;
import io.revkv.proto.etcdserverpb.RequestOp;
import io.revkv.proto.etcdserverpb.TxnRequest;
import io.revkv.store.errors.EtcdError;
import io.revkv.store.mvcc.KeyOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * etcd's rule against ops of one txn branch writing the same key (contract §3.3; {@code checkIntervals} in
 * {@code v3rpc/key.go}), rejected with {@link EtcdError#DUPLICATE_KEY}:
 * <ul>
 *   <li>two puts of one key in a branch, counting the puts of nested txns, are rejected;</li>
 *   <li>a put inside a delete of the same branch or of an enclosing one is rejected, whatever the op order, and so
 *       is an outer put inside a nested txn's delete;</li>
 *   <li>a nested txn's then- and else-branch may put the same key (only one of them runs); success and failure of
 *       the top txn may too (they are checked apart); deletes may overlap.</li>
 * </ul>
 * A delete's range is taken literally as {@code [key, range_end)}: etcd's {@code "\0"} range_end ("every key from
 * key on") is not read as open-ended here, so {@code delete ["t", "\0")} overlaps no put. etcd accepts such a txn
 * and clients rely on it being accepted.
 */
final class TxnDuplicateKeys {

    private TxnDuplicateKeys() {
    }

    /** @throws io.grpc.StatusRuntimeException {@link EtcdError#DUPLICATE_KEY} */
    static void check(List<RequestOp> branch) {
        writesOf(branch);
    }

    /** The keys put and the ranges deleted by {@code ops}, nested txns included. */
    private record Writes(Set<ByteString> puts, List<DeleteRangeRequest> deletes) {

        boolean deletes(ByteString key) {
            return deletes.stream().anyMatch(d -> covers(d, key));
        }
    }

    private static Writes writesOf(List<RequestOp> ops) {
        Writes level = new Writes(new HashSet<>(), new ArrayList<>());
        ops.stream().filter(RequestOp::hasRequestDeleteRange).map(RequestOp::getRequestDeleteRange)
                .forEach(level.deletes::add);
        ops.stream().filter(RequestOp::hasRequestTxn).forEach(op -> addNested(level, op.getRequestTxn()));
        for (RequestOp op : ops) {
            if (op.hasRequestPut()) {
                addPut(level, op.getRequestPut().getKey(), false);
            }
        }
        return level;
    }

    /** A nested txn's deletes join the level only after its puts were checked, as in etcd. */
    private static void addNested(Writes level, TxnRequest nested) {
        Writes then = writesOf(nested.getSuccessList());
        Writes otherwise = writesOf(nested.getFailureList());
        then.puts.forEach(key -> addPut(level, key, false));
        otherwise.puts.forEach(key -> addPut(level, key, then.puts.contains(key)));
        level.deletes.addAll(then.deletes);
        level.deletes.addAll(otherwise.deletes);
    }

    private static void addPut(Writes level, ByteString key, boolean exclusiveOfEarlierPut) {
        if ((level.puts.contains(key) && !exclusiveOfEarlierPut) || level.deletes(key)) {
            throw EtcdError.DUPLICATE_KEY.statusException();
        }
        level.puts.add(key);
    }

    /** {@code [key, range_end)} taken literally; an empty range_end is the single key. */
    private static boolean covers(DeleteRangeRequest delete, ByteString key) {
        if (delete.getRangeEnd().isEmpty()) {
            return delete.getKey().equals(key);
        }
        var unsigned = KeyOrder.UNSIGNED;
        return unsigned.compare(delete.getKey(), key) <= 0 && unsigned.compare(key, delete.getRangeEnd()) < 0;
    }
}
