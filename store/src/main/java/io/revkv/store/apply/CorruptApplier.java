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
import io.revkv.store.mvcc.KvStore;

/**
 * While any member has a CORRUPT alarm (etcd's {@code applierV3Corrupt}, contract §7.3): Put, DeleteRange, Txn,
 * Compaction, LeaseGrant and LeaseRevoke fail with {@link EtcdError#CORRUPT}; alarm requests pass, so the alarm can be
 * cleared. Reads (Range, read-only Txn) are still served: etcd's {@code applierV3Corrupt} refuses Range too, but
 * etcd's server reads through {@code applyV3Base}, around it, and etcd 3.4 answers a get under CORRUPT (checked by
 * {@code CorruptionCheckIT}). A rejected write entry records its raft index, like any failed entry.
 */
public final class CorruptApplier extends ForwardingApplier {

    private final AlarmStore alarms;
    private final KvStore store;

    public CorruptApplier(Applier next, AlarmStore alarms, KvStore store) {
        super(next);
        this.alarms = alarms;
        this.store = store;
    }

    @Override
    public PutResponse put(long index, PutRequest r) {
        checkNotCorrupt(index);
        return super.put(index, r);
    }

    @Override
    public DeleteRangeResponse deleteRange(long index, DeleteRangeRequest r) {
        checkNotCorrupt(index);
        return super.deleteRange(index, r);
    }

    @Override
    public TxnResponse txn(long index, TxnRequest r) {
        checkNotCorrupt(index);
        return super.txn(index, r);
    }

    @Override
    public CompactionResponse compact(long index, CompactionRequest r) {
        checkNotCorrupt(index);
        return super.compact(index, r);
    }

    @Override
    public LeaseGrantResponse leaseGrant(long index, LeaseGrantRequest r) {
        checkNotCorrupt(index);
        return super.leaseGrant(index, r);
    }

    @Override
    public LeaseRevokeResponse leaseRevoke(long index, LeaseRevokeRequest r) {
        checkNotCorrupt(index);
        return super.leaseRevoke(index, r);
    }

    private void checkNotCorrupt(long index) {
        if (alarms.isActive(AlarmType.CORRUPT)) {
            store.write(index).end();
            throw EtcdError.CORRUPT.exception();
        }
    }
}
