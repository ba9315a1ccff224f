package io.revkv.store.apply;

import io.revkv.proto.etcdserverpb.AlarmType;
import io.revkv.proto.etcdserverpb.LeaseGrantRequest;
import io.revkv.proto.etcdserverpb.LeaseGrantResponse;
import io.revkv.proto.etcdserverpb.PutRequest;
import io.revkv.proto.etcdserverpb.PutResponse;
import io.revkv.proto.etcdserverpb.TxnRequest;
import io.revkv.proto.etcdserverpb.TxnResponse;
import io.revkv.store.alarm.AlarmRaiser;
import io.revkv.store.alarm.AlarmStore;
import io.revkv.store.errors.EtcdError;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The apply-layer quota re-check (etcd's {@code quotaApplierV3}): a Put or Txn that no longer fits is applied anyway,
 * because the log has committed it and every member must apply the same entries, but its client gets
 * {@link EtcdError#NO_SPACE}. The first such error raises NOSPACE for this member through Raft.
 *
 * <p>The check reads this member's own backend size, so members may answer differently; the state they apply is the
 * same.
 */
public final class QuotaApplier extends ForwardingApplier {

    private static final Logger LOG = Logger.getLogger(QuotaApplier.class);

    private final Quota quota;
    private final AlarmStore alarms;
    private final AlarmRaiser raiser;

    public QuotaApplier(Applier next, Quota quota, AlarmStore alarms, AlarmRaiser raiser) {
        super(next);
        this.quota = quota;
        this.alarms = alarms;
        this.raiser = raiser;
    }

    @Override
    public PutResponse put(long index, PutRequest r) {
        return checked(Quota.cost(r), () -> super.put(index, r));
    }

    @Override
    public TxnResponse txn(long index, TxnRequest r) {
        return checked(Quota.cost(r), () -> super.txn(index, r));
    }

    @Override
    public LeaseGrantResponse leaseGrant(long index, LeaseGrantRequest r) {
        return checked(Quota.LEASE_GRANT_COST, () -> super.leaseGrant(index, r));
    }

    private <T> T checked(long cost, Supplier<T> apply) {
        boolean fits = quota.allows(cost);
        T response = apply.get();
        if (!fits) {
            raiseOnce();
            throw EtcdError.NO_SPACE.exception();
        }
        return response;
    }

    /** Not waited for: the alarm entry is applied by this very thread, after the current one. */
    private void raiseOnce() {
        if (!alarms.isActive(AlarmType.NOSPACE)) {
            LOG.warnf("a write exceeded the space quota of %d bytes; raising NOSPACE", quota.limit());
            raiser.raise(AlarmType.NOSPACE);
        }
    }
}
