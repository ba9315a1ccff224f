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
import io.revkv.proto.etcdserverpb.RangeRequest;
import io.revkv.proto.etcdserverpb.RangeResponse;
import io.revkv.proto.etcdserverpb.TxnRequest;
import io.revkv.proto.etcdserverpb.TxnResponse;
import io.revkv.store.alarm.AlarmStore;
import io.revkv.store.errors.EtcdError;
import io.revkv.store.mvcc.KvStore;

/**
 * While any member has a CORRUPT alarm (etcd's {@code applierV3Corrupt}, contract §7.3): Range, Put, DeleteRange,
 * Txn and Compaction all fail with {@link EtcdError#CORRUPT}; only alarm requests pass, so the alarm can be cleared.
 * A rejected write entry records its raft index, like any failed entry.
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
    public RangeResponse range(RangeRequest r) {
        checkNotCorrupt();
        return super.range(r);
    }

    @Override
    public TxnResponse readOnlyTxn(TxnRequest r) {
        checkNotCorrupt();
        return super.readOnlyTxn(r);
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

    private void checkNotCorrupt() {
        if (alarms.isActive(AlarmType.CORRUPT)) {
            throw EtcdError.CORRUPT.exception();
        }
    }

    private void checkNotCorrupt(long index) {
        if (alarms.isActive(AlarmType.CORRUPT)) {
            store.write(index).end();
            throw EtcdError.CORRUPT.exception();
        }
    }
}
