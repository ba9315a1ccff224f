package io.revkv.store.apply;

import io.revkv.proto.etcdserverpb.PutRequest;
import io.revkv.proto.etcdserverpb.RequestOp;
import io.revkv.proto.etcdserverpb.TxnRequest;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The backend space quota ({@code --quota-backend-bytes}, contract §7.3): a request of cost {@code c} is allowed iff
 * {@code c == 0} or {@code dbSize + c < quota}, where dbSize is the backend's physical size at the time of the check.
 *
 * <p>Cost model (etcd's {@code quota.go}): a Put costs 256 + len(key) + len(value); a Txn the larger of its two
 * branches' sums, a nested txn counting with its own cost (the contract's rule; etcd itself counts only the puts
 * directly in a branch); a LeaseGrant {@value #LEASE_GRANT_COST}; anything else 0.
 *
 * <p>Worked example: {@code txn{success: [put a=xx, txn{failure: [put bb=y]}], failure: [put c=zzzz]}} costs
 * max((256+1+2) + max(0, 256+2+1), 256+1+4) = max(518, 261) = 518.
 *
 * <p>It is checked twice, as in etcd: by the API before proposing, and by the {@link QuotaApplier} when applying.
 */
public final class Quota {

    /** What {@code --quota-backend-bytes=0} means: 2 GiB. */
    public static final long DEFAULT_BYTES = 2L * 1024 * 1024 * 1024;
    /** etcd's {@code leaseOverhead}: the cost of a LeaseGrant. */
    public static final long LEASE_GRANT_COST = 64;
    /** etcd's {@code kvOverhead}: a key's metadata. */
    static final long KV_OVERHEAD = 256;

    private final long limit;
    private final LongSupplier dbSize;

    private Quota(long limit, LongSupplier dbSize) {
        this.limit = limit;
        this.dbSize = dbSize;
    }

    /**
     * @param quotaBackendBytes the flag's value: 0 for the default, negative for no quota
     * @param dbSize            the backend's physical size in bytes, read at each check
     */
    public static Quota of(long quotaBackendBytes, LongSupplier dbSize) {
        return new Quota(quotaBackendBytes == 0 ? DEFAULT_BYTES : quotaBackendBytes, dbSize);
    }

    /** The quota in bytes; negative when there is none. */
    public long limit() {
        return limit;
    }

    /** Whether a request of {@code cost} fits now. */
    public boolean allows(long cost) {
        return cost == 0 || limit < 0 || dbSize.getAsLong() + cost < limit;
    }

    public static long cost(PutRequest r) {
        return KV_OVERHEAD + r.getKey().size() + r.getValue().size();
    }

    public static long cost(TxnRequest r) {
        return Math.max(cost(r.getSuccessList()), cost(r.getFailureList()));
    }

    private static long cost(List<RequestOp> branch) {
        long sum = 0;
        for (RequestOp op : branch) {
            if (op.hasRequestPut()) {
                sum += cost(op.getRequestPut());
            } else if (op.hasRequestTxn()) {
                sum += cost(op.getRequestTxn());
            }
        }
        return sum;
    }
}
