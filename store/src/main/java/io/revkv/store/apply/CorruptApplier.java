package io.revkv.store.apply;

import io.revkv.proto.etcdserverpb.AlarmType;
import io.revkv.proto.etcdserverpb.CompactionRequest;
import io.revkv.proto.etcdserverpb.CompactionResponse;
import io.revkv.proto.etcdserverpb.DeleteRangeRequest;
import io.revkv.proto.etcdserverpb.DeleteRangeResponse;
import io.revkv.proto.etcdserverpb.LeaseGrantRequest;
import io.revkv.proto.etcdserverpb.LeaseGrantResponse;
import io.revkv.proto.etcdserverpb.LeaseRevokeRequest;
import io.revkv.proto.etcdserverpb.LeaseRevokeResponse;
import io.revkv.proto.etcdserverpb.PutRequest;
import io.revkv.proto.etcdserverpb.PutResponse;
import io.revkv.proto.etcdserverpb.TxnRequest;
import io.revkv.proto.etcdserverpb.TxnResponse;
import io.revkv.store.alarm.AlarmStore;
import io.revkv.store.errors.EtcdError;

/**
 * While any member has a CORRUPT alarm (etcd's {@code applierV3Corrupt}, contract §7.3): Put, DeleteRange, Txn,
 * Compaction, LeaseGrant and LeaseRevoke fail with {@link EtcdError#CORRUPT}; alarm requests pass, so the alarm can be
 * cleared. Reads (Range, read-only Txn) are still served: etcd's {@code applierV3Corrupt} refuses Range too, but
 * etcd's server reads through {@code applyV3Base}, around it, and etcd 3.4 answers a get under CORRUPT (checked by
 * {@code CorruptionCheckIT}). A rejected write entry writes nothing;
 * {@link AppliedPositions} records its position, like any other entry's.
 */
public final class CorruptApplier extends ForwardingApplier {

    private final AlarmStore alarms;

    public CorruptApplier(Applier next, AlarmStore alarms) {
        super(next);
        this.alarms = alarms;
    }

    @Override
    public PutResponse put(long index, PutRequest r) {
        checkNotCorrupt();
        return super.put(index, r);
    }

    @Override
    public DeleteRangeResponse deleteRange(long index, DeleteRangeRequest r) {
        checkNotCorrupt();
        return super.deleteRange(index, r);
    }

    @Override
    public TxnResponse txn(long index, TxnRequest r) {
        checkNotCorrupt();
        return super.txn(index, r);
    }

    @Override
    public CompactionResponse compact(long index, CompactionRequest r) {
        checkNotCorrupt();
        return super.compact(index, r);
    }

    @Override
    public LeaseGrantResponse leaseGrant(long index, LeaseGrantRequest r) {
        checkNotCorrupt();
        return super.leaseGrant(index, r);
    }

    @Override
    public LeaseRevokeResponse leaseRevoke(long index, LeaseRevokeRequest r) {
        checkNotCorrupt();
        return super.leaseRevoke(index, r);
    }

    private void checkNotCorrupt() {
        if (alarms.isActive(AlarmType.CORRUPT)) {
            throw EtcdError.CORRUPT.exception();
        }
    }
}
