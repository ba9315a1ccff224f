package io.revkv.store.apply;

import com.google.protobuf.ByteString;
import io.revkv.proto.etcdserverpb.Compare;
import io.revkv.proto.mvccpb.KeyValue;
import io.revkv.store.mvcc.KeyOrder;
import io.revkv.store.mvcc.RangeOptions;
import io.revkv.store.mvcc.ReadView;
import java.util.List;

/**
 * The compares of a Txn (contract §3.3), read at the view's revision.
 *
 * <p>A compare over a range holds only if it holds for every key that exists in it. When no key exists, a VALUE
 * compare fails whatever the operator (gRPC cannot tell a missing value from an empty one), and the other targets
 * compare a zero record: {@code create_revision == 0} is the idiom for "absent". A target value of another kind than
 * the target (say {@code mod_revision} set for target CREATE) counts as zero, and an unknown operator holds, as in
 * etcd.
 */
final class CompareEvaluator {

    private static final KeyValue ABSENT = KeyValue.getDefaultInstance();

    private CompareEvaluator() {
    }

    /** The AND of {@code compares}, stopping at the first false one; an empty list holds. */
    static boolean allHold(ReadView view, List<Compare> compares) {
        return compares.stream().allMatch(c -> holds(view, c));
    }

    static boolean holds(ReadView view, Compare c) {
        List<KeyValue> kvs = view.range(c.getKey(), c.getRangeEnd(), RangeOptions.CURRENT).kvs();
        if (kvs.isEmpty()) {
            return c.getTarget() != Compare.CompareTarget.VALUE && matches(c, ABSENT);
        }
        return kvs.stream().allMatch(kv -> matches(c, kv));
    }

    private static boolean matches(Compare c, KeyValue kv) {
        int order = order(c, kv);
        return switch (c.getResult()) {
            case EQUAL -> order == 0;
            case NOT_EQUAL -> order != 0;
            case GREATER -> order > 0;
            case LESS -> order < 0;
            case UNRECOGNIZED -> true;
        };
    }

    /** How the key's field compares with the compare's value; the proto getters give 0 for a value of another kind. */
    private static int order(Compare c, KeyValue kv) {
        return switch (c.getTarget()) {
            case VALUE -> KeyOrder.compare(kv.getValue(), c.getValue());
            case VERSION -> Long.compare(kv.getVersion(), c.getVersion());
            case CREATE -> Long.compare(kv.getCreateRevision(), c.getCreateRevision());
            case MOD -> Long.compare(kv.getModRevision(), c.getModRevision());
            case LEASE -> Long.compare(kv.getLease(), c.getLease());
            case UNRECOGNIZED -> 0;
        };
    }
}
