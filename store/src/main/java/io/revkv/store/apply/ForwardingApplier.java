package io.revkv.store.apply;

import io.revkv.proto.etcdserverpb.MemberListResponse;
import io.revkv.proto.revkvpb.MemberChange;
import io.revkv.proto.etcdserverpb.LeaseRevokeResponse;
import io.revkv.proto.etcdserverpb.LeaseRevokeRequest;
import io.revkv.proto.etcdserverpb.LeaseGrantResponse;
import io.revkv.proto.etcdserverpb.LeaseGrantRequest;
import io.revkv.proto.etcdserverpb.AlarmRequest;
import io.revkv.proto.etcdserverpb.AlarmResponse;
import io.revkv.proto.etcdserverpb.CompactionRequest;
import io.revkv.proto.etcdserverpb.CompactionResponse;
import io.revkv.proto.etcdserverpb.DeleteRangeRequest;
import io.revkv.proto.etcdserverpb.DeleteRangeResponse;
import io.revkv.proto.etcdserverpb.PutRequest;
import io.revkv.proto.etcdserverpb.PutResponse;
import io.revkv.proto.etcdserverpb.RangeRequest;
import io.revkv.proto.etcdserverpb.RangeResponse;
import io.revkv.proto.etcdserverpb.TxnRequest;
import io.revkv.proto.etcdserverpb.TxnResponse;

/**
 * A decorator that passes every request to the applier it wraps: a concern (quota, NOSPACE cap, corruption)
 * extends it and overrides only the requests it guards.
 */
abstract class ForwardingApplier implements Applier {

    private final Applier next;

    ForwardingApplier(Applier next) {
        this.next = next;
    }

    @Override
    public RangeResponse range(RangeRequest r) {
        return next.range(r);
    }

    @Override
    public TxnResponse readOnlyTxn(TxnRequest r) {
        return next.readOnlyTxn(r);
    }

    @Override
    public PutResponse put(long index, PutRequest r) {
        return next.put(index, r);
    }

    @Override
    public DeleteRangeResponse deleteRange(long index, DeleteRangeRequest r) {
        return next.deleteRange(index, r);
    }

    @Override
    public TxnResponse txn(long index, TxnRequest r) {
        return next.txn(index, r);
    }

    @Override
    public CompactionResponse compact(long index, CompactionRequest r) {
        return next.compact(index, r);
    }

    @Override
    public AlarmResponse alarm(long index, AlarmRequest r) {
        return next.alarm(index, r);
    }

    @Override
    public LeaseGrantResponse leaseGrant(long index, LeaseGrantRequest r) {
        return next.leaseGrant(index, r);
    }

    @Override
    public LeaseRevokeResponse leaseRevoke(long index, LeaseRevokeRequest r) {
        return next.leaseRevoke(index, r);
    }

    @Override
    public MemberListResponse memberChange(long index, MemberChange change) {
        return next.memberChange(index, change);
    }
}
