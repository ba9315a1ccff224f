package io.revkv.store.apply;

import io.revkv.proto.etcdserverpb.AlarmType;
import io.revkv.proto.etcdserverpb.LeaseGrantRequest;
import io.revkv.proto.etcdserverpb.LeaseGrantResponse;
import io.revkv.proto.etcdserverpb.PutRequest;
import io.revkv.proto.etcdserverpb.PutResponse;
import io.revkv.proto.etcdserverpb.TxnRequest;
import io.revkv.proto.etcdserverpb.TxnResponse;
import io.revkv.store.alarm.AlarmStore;
import io.revkv.store.errors.EtcdError;

/**
 * While any member has a NOSPACE alarm (etcd's {@code applierV3Capped}, contract §7.3): every Put and every Txn that
 * costs something (a put in either branch, also when its compare would fail) fails with {@link EtcdError#NO_SPACE}.
 * Ranges, DeleteRange, txns without puts, compaction and alarm requests pass, so an operator can free space and
 * disarm. The alarm never clears by itself.
 *
 * <p>A rejected entry writes nothing; {@link AppliedPositions} records its position, like any other entry's.
 */
public final class CappedApplier extends ForwardingApplier {

    private final AlarmStore alarms;

    public CappedApplier(Applier next, AlarmStore alarms) {
        super(next);
        this.alarms = alarms;
    }

    @Override
    public PutResponse put(long index, PutRequest r) {
        if (capped()) {
            throw EtcdError.NO_SPACE.exception();
        }
        return super.put(index, r);
    }

    @Override
    public TxnResponse txn(long index, TxnRequest r) {
        if (capped() && Quota.cost(r) > 0) {
            throw EtcdError.NO_SPACE.exception();
        }
        return super.txn(index, r);
    }

    @Override
    public LeaseGrantResponse leaseGrant(long index, LeaseGrantRequest r) {
        if (capped()) {
            throw EtcdError.NO_SPACE.exception();
        }
        return super.leaseGrant(index, r);
    }

    private boolean capped() {
        return alarms.isActive(AlarmType.NOSPACE);
    }
}
