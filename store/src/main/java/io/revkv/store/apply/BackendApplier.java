package io.revkv.store.apply;

import com.google.protobuf.ByteString;
import io.revkv.proto.etcdserverpb.MemberListResponse;
import io.revkv.proto.revkvpb.MemberChange;
import io.revkv.store.membership.MemberChanges;
import io.revkv.store.membership.MemberStore;
import io.revkv.proto.etcdserverpb.AlarmRequest;
import io.revkv.proto.etcdserverpb.AlarmResponse;
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
import io.revkv.store.lease.Lessor;
import io.revkv.store.lease.StoredLeases;
import io.revkv.store.mvcc.KvStore;
import io.revkv.store.mvcc.ReadTxn;
import io.revkv.store.mvcc.WriteTxn;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The innermost applier: runs each request on the MVCC store (etcd's {@code applierV3backend}). */
public final class BackendApplier implements Applier {

    private final KvStore store;
    private final Lessor leases;
    private final AlarmStore alarms;
    private final MemberStore members;

    public BackendApplier(KvStore store, Lessor leases, AlarmStore alarms, MemberStore members) {
        this.store = store;
        this.leases = leases;
        this.alarms = alarms;
        this.members = members;
    }

    @Override
    public RangeResponse range(RangeRequest r) {
        try (ReadTxn read = store.read()) {
            return RangeExecutor.range(read, r);
        }
    }

    @Override
    public TxnResponse readOnlyTxn(TxnRequest r) {
        try (ReadTxn read = store.read()) {
            return TxnExecutor.execute(read, r, leases);
        }
    }

    /** As in etcd, a standalone put checks its lease before the key's existence for the ignore flags. */
    @Override
    public PutResponse put(long index, PutRequest r) {
        try (WriteTxn write = store.write(index)) {
            if (r.getLease() != 0 && !leases.exists(r.getLease())) {
                throw EtcdError.LEASE_NOT_FOUND.exception();
            }
            PutResponse response = WriteExecutor.put(write, r);
            LeaseAttachments.follow(leases, write.changes());
            return response;
        }
    }

    @Override
    public DeleteRangeResponse deleteRange(long index, DeleteRangeRequest r) {
        try (WriteTxn write = store.write(index)) {
            DeleteRangeResponse response = WriteExecutor.deleteRange(write, r);
            LeaseAttachments.follow(leases, write.changes());
            return response;
        }
    }

    @Override
    public TxnResponse txn(long index, TxnRequest r) {
        try (WriteTxn write = store.write(index)) {
            TxnResponse response = TxnExecutor.execute(write, r, leases);
            LeaseAttachments.follow(leases, write.changes());
            return response;
        }
    }

    /** A rejected compaction writes nothing: its position is recorded by {@link AppliedPositions}. */
    @Override
    public CompactionResponse compact(long index, CompactionRequest r) {
        store.compact(r.getRevision(), index);
        return CompactionResponse.newBuilder().setHeader(Headers.of(store.currentRevision())).build();
    }

    /**
     * Writes the alarm bucket only; {@link AppliedPositions} records the position after it, in a batch of its own: a
     * crash between the two re-applies the entry, which changes nothing the second time.
     */
    @Override
    public AlarmResponse alarm(long index, AlarmRequest r) {
        return AlarmExecutor.execute(alarms, r);
    }

    @Override
    public LeaseGrantResponse leaseGrant(long index, LeaseGrantRequest r) {
        try (WriteTxn write = store.write(index)) {
            long ttl = leases.grant(r.getID(), r.getTTL());
            write.putLease(StoredLeases.key(r.getID()), StoredLeases.value(r.getID(), ttl, 0));
            return LeaseGrantResponse.newBuilder()
                    .setHeader(Headers.of(write.currentRevision()))
                    .setID(r.getID())
                    .setTTL(ttl)
                    .build();
        }
    }

    /** The lessor hands the keys over sorted, so their tombstones get subs in ascending key order. */
    @Override
    public LeaseRevokeResponse leaseRevoke(long index, LeaseRevokeRequest r) {
        try (WriteTxn write = store.write(index)) {
            List<ByteString> keys = leases.revoke(r.getID());
            keys.forEach(key -> write.deleteRange(key, ByteString.EMPTY));
            write.deleteLease(StoredLeases.key(r.getID()));
            return LeaseRevokeResponse.newBuilder().setHeader(Headers.of(Headers.visibleRevision(write))).build();
        }
    }

    /** Like an alarm: the members buckets only; re-applying the change after a crash leaves the same state. */
    @Override
    public MemberListResponse memberChange(long index, MemberChange change) {
        new MemberChanges(members).apply(change);
        return MemberListResponse.newBuilder().addAllMembers(members.all()).build();
    }
}
