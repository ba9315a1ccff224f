package io.revkv.store.compat;

import com.google.protobuf.ByteString;
import io.revkv.proto.etcdserverpb.DeleteRangeRequest;
import io.revkv.proto.etcdserverpb.PutRequest;
import io.revkv.proto.etcdserverpb.RangeRequest;
import java.util.Random;

/**
 * Random Put, Range and DeleteRange requests over {@link KeySpace}, standalone or as txn ops. Each request may be
 * valid or carry exactly the mistakes clients make (contract §2.2, §3.1, §3.2); the servers must agree on both.
 */
final class Requests {

    private static final long MISSING_LEASE = 1234;

    private final Random random;
    private final Revisions revisions;

    Requests(Random random, Revisions revisions) {
        this.random = random;
        this.revisions = revisions;
    }

    /**
     * Put with prev_kv half the time; sometimes ignore_value / ignore_lease (also on absent keys: "key not found"),
     * with a value or lease given alongside ("value is provided" / "lease is provided"), or an unknown lease
     * ("requested lease not found"); rarely an empty key.
     */
    PutRequest put() {
        PutRequest.Builder b = PutRequest.newBuilder()
                .setKey(random.nextInt(100) == 0 ? ByteString.EMPTY : KeySpace.key(random))
                .setValue(KeySpace.value(random))
                .setPrevKv(random.nextBoolean());
        int p = random.nextInt(100);
        if (p < 5) {
            b.setIgnoreValue(true).setValue(random.nextInt(6) == 0 ? KeySpace.value(random) : ByteString.EMPTY);
        } else if (p < 10) {
            b.setIgnoreLease(true).setLease(random.nextInt(6) == 0 ? 7 : 0);
        } else if (p < 12) {
            b.setIgnoreValue(true).setIgnoreLease(true).setValue(ByteString.EMPTY);
        } else if (p < 13) {
            b.setLease(MISSING_LEASE);
        }
        return b.build();
    }

    /**
     * Range in every key form, with limits (also negative), revisions (current, old, exactly compactRev,
     * compacted, future, negative), every sort order × target (so also the sort-with-limit quirk of §2.2:
     * target ≠ KEY with order NONE and a limit), serializable, keys_only, count_only and the four revision
     * filters. Sort enum values are always valid: invalid ones are a 3.4-vs-3.6 difference the contract resolves
     * in favour of 3.4/3.5 acceptance, and no test needs them here.
     */
    RangeRequest range() {
        KeySpace.KeyRange kr = KeySpace.range(random);
        RangeRequest.Builder b = RangeRequest.newBuilder().setKey(kr.key()).setRangeEnd(kr.end())
                .setLimit(limit()).setRevision(revisions.read(random));
        if (random.nextInt(100) < 45) {
            RangeRequest.SortOrder[] orders = {RangeRequest.SortOrder.NONE, RangeRequest.SortOrder.ASCEND,
                RangeRequest.SortOrder.DESCEND};
            RangeRequest.SortTarget[] targets = {RangeRequest.SortTarget.KEY, RangeRequest.SortTarget.VERSION,
                RangeRequest.SortTarget.CREATE, RangeRequest.SortTarget.MOD, RangeRequest.SortTarget.VALUE};
            b.setSortOrder(orders[random.nextInt(orders.length)]);
            b.setSortTarget(targets[random.nextInt(targets.length)]);
        }
        b.setSerializable(random.nextInt(100) < 30);
        b.setKeysOnly(random.nextInt(100) < 10);
        b.setCountOnly(random.nextInt(100) < 8);
        if (random.nextInt(100) < 25) {
            addFilters(b);
        }
        return b.build();
    }

    private long limit() {
        int p = random.nextInt(100);
        if (p < 55) {
            return 0;
        } else if (p < 85) {
            return 1 + random.nextInt(4);
        } else if (p < 95) {
            return 5 + random.nextInt(9);
        }
        return -1 - random.nextInt(3);
    }

    private void addFilters(RangeRequest.Builder b) {
        long top = revisions.current() + 1;
        if (random.nextBoolean()) {
            b.setMinModRevision(Revisions.between(random, 0, top));
        }
        if (random.nextBoolean()) {
            b.setMaxModRevision(Revisions.between(random, 0, top));
        }
        if (random.nextBoolean()) {
            b.setMinCreateRevision(Revisions.between(random, 0, top));
        }
        if (random.nextBoolean()) {
            b.setMaxCreateRevision(Revisions.between(random, 0, top));
        }
    }

    /** DeleteRange in every key form (single keys favoured, so the store stays populated), prev_kv half the time. */
    DeleteRangeRequest delete() {
        KeySpace.KeyRange kr = random.nextBoolean()
                ? new KeySpace.KeyRange(KeySpace.key(random), ByteString.EMPTY) : KeySpace.range(random);
        return DeleteRangeRequest.newBuilder().setKey(kr.key()).setRangeEnd(kr.end())
                .setPrevKv(random.nextBoolean()).build();
    }
}
