package io.revkv.store.apply;

import com.google.protobuf.ByteString;
import io.revkv.proto.etcdserverpb.RangeRequest;
import io.revkv.proto.etcdserverpb.RangeRequest.SortOrder;
import io.revkv.proto.etcdserverpb.RangeRequest.SortTarget;
import io.revkv.proto.etcdserverpb.RangeResponse;
import io.revkv.proto.mvccpb.KeyValue;
import io.revkv.store.mvcc.KeyOrder;
import io.revkv.store.mvcc.RangeOptions;
import io.revkv.store.mvcc.RangeResult;
import io.revkv.store.mvcc.ReadView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * etcd's Range on top of the store's plain key-ordered read (contract §2.2), in etcd's order:
 * <ol>
 *   <li>fetch {@code limit + 1} keys when the ordering is the default one and no revision filter is set (the extra
 *       key reveals {@code more}), else every key of the range;</li>
 *   <li>{@code count} is the store's: every key in the range at the read revision, whatever the limit and filters;</li>
 *   <li>drop keys outside the min/max mod/create revision filters (0 disables a filter);</li>
 *   <li>sort: a non-KEY target with order NONE sorts ascending;</li>
 *   <li>truncate to {@code limit}, setting {@code more} when something was cut;</li>
 *   <li>{@code keys_only} strips the values.</li>
 * </ol>
 * Step 1 counts target MOD/VERSION/CREATE/VALUE with order NONE as default, so only the first {@code limit + 1}
 * keys in key order get sorted: with {@code s/c}(mod 328), {@code s/a}(329), {@code s/b}(330),
 * {@code {sort_target: MOD, limit: 1}} answers {@code s/a}, while an explicit ASCEND answers {@code s/c}. etcd does
 * this and clients see it, so it is kept.
 *
 * <p>The sort is stable, so ties keep key order, which is what Go's sort gives on the small inputs where it uses
 * insertion sort. Unknown enum values are accepted as etcd 3.4/3.5 do: an unknown order leaves key order, an unknown
 * target sorts as KEY.
 */
final class RangeExecutor {

    private static final Comparator<ByteString> UNSIGNED = KeyOrder.UNSIGNED;

    private RangeExecutor() {
    }

    /** Runs {@code r} on {@code view}; header.revision is what the view shows (see {@link Headers}). */
    static RangeResponse range(ReadView view, RangeRequest r) {
        long headerRevision = Headers.visibleRevision(view);
        RangeResult result = view.range(r.getKey(), r.getRangeEnd(), options(r));
        List<KeyValue> kvs = filteredAndSorted(r, result.kvs());
        boolean more = r.getLimit() > 0 && kvs.size() > r.getLimit();
        RangeResponse.Builder response = RangeResponse.newBuilder()
                .setHeader(Headers.of(headerRevision))
                .setCount(result.count())
                .setMore(more);
        List<KeyValue> returned = more ? kvs.subList(0, (int) r.getLimit()) : kvs;
        returned.forEach(kv -> response.addKvs(r.getKeysOnly() ? kv.toBuilder().clearValue().build() : kv));
        return response.build();
    }

    private static List<KeyValue> filteredAndSorted(RangeRequest r, List<KeyValue> fetched) {
        List<KeyValue> kvs = new ArrayList<>(fetched);
        kvs.removeIf(kv -> !passesFilters(r, kv));
        Comparator<KeyValue> order = ordering(r);
        if (order != null) {
            kvs.sort(order);
        }
        return kvs;
    }

    private static RangeOptions options(RangeRequest r) {
        boolean fetchAll = !isDefaultOrder(r)
                || r.getMinModRevision() != 0 || r.getMaxModRevision() != 0
                || r.getMinCreateRevision() != 0 || r.getMaxCreateRevision() != 0;
        long limit = fetchAll || r.getLimit() <= 0 ? 0 : r.getLimit() + 1;
        return new RangeOptions(limit, r.getRevision(), r.getCountOnly());
    }

    private static boolean isDefaultOrder(RangeRequest r) {
        SortOrder order = r.getSortOrder();
        return order == SortOrder.NONE || order == SortOrder.UNRECOGNIZED
                || (target(r) == SortTarget.KEY && order == SortOrder.ASCEND);
    }

    private static boolean passesFilters(RangeRequest r, KeyValue kv) {
        return (r.getMaxModRevision() == 0 || kv.getModRevision() <= r.getMaxModRevision())
                && (r.getMinModRevision() == 0 || kv.getModRevision() >= r.getMinModRevision())
                && (r.getMaxCreateRevision() == 0 || kv.getCreateRevision() <= r.getMaxCreateRevision())
                && (r.getMinCreateRevision() == 0 || kv.getCreateRevision() >= r.getMinCreateRevision());
    }

    /** The order to impose on the key-ordered result, or null when key order stands. */
    private static Comparator<KeyValue> ordering(RangeRequest r) {
        SortTarget target = target(r);
        return switch (r.getSortOrder()) {
            case NONE, ASCEND -> target == SortTarget.KEY ? null : byTarget(target);
            case DESCEND -> byTarget(target).reversed();
            case UNRECOGNIZED -> null;
        };
    }

    private static SortTarget target(RangeRequest r) {
        return r.getSortTarget() == SortTarget.UNRECOGNIZED ? SortTarget.KEY : r.getSortTarget();
    }

    private static Comparator<KeyValue> byTarget(SortTarget target) {
        return switch (target) {
            case KEY, UNRECOGNIZED -> Comparator.comparing(KeyValue::getKey, UNSIGNED);
            case VERSION -> Comparator.comparingLong(KeyValue::getVersion);
            case CREATE -> Comparator.comparingLong(KeyValue::getCreateRevision);
            case MOD -> Comparator.comparingLong(KeyValue::getModRevision);
            case VALUE -> Comparator.comparing(KeyValue::getValue, UNSIGNED);
        };
    }
}
