package io.revkv.store.apply;

import io.revkv.proto.etcdserverpb.MemberListResponse;
import io.revkv.proto.revkvpb.MemberChange;
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
import io.revkv.store.errors.EtcdError;
import io.revkv.store.errors.EtcdException;

/**
 * Applies KV requests to the store: the replicated writes, in log order, and the local reads. Implementations are
 * stacked as decorators (quota, auth, the NOSPACE cap around the backend applier), each overriding what it guards.
 *
 * <p>Requests arrive validated by the API layer (empty keys, op limits, the txn duplicate-key rule). Responses carry
 * only {@code header.revision} (contract §1.3); the gRPC layer fills cluster_id, member_id and raft_term.
 *
 * <p>Each write method that changes the store does so in one MVCC write txn opened with the request's position
 * {@code index}, and always ends it, so the position is recorded in the same batch as the effects. A request refused
 * before any txn is opened, an alarm and a membership change record nothing: {@link AppliedPositions}, which the
 * state machine calls after every request, records their position, so replay after a crash skips them. Failures
 * are {@link EtcdException}s of the one error table: {@link EtcdError#COMPACTED}, {@link EtcdError#FUTURE_REV},
 * {@link EtcdError#KEY_NOT_FOUND} and so on.
 */
public interface Applier {

    /** A Range on a fresh read view; header.revision is that view's revision, also for historical reads. */
    RangeResponse range(RangeRequest r);

    /**
     * A Txn whose ops are all ranges, on a fresh read view, without going through the log.
     *
     * @throws IllegalArgumentException if the branch taken holds a write
     */
    TxnResponse readOnlyTxn(TxnRequest r);

    /** header.revision is the new revision. */
    PutResponse put(long index, PutRequest r);

    /** header.revision is the new revision, or the unchanged current one when nothing matched. */
    DeleteRangeResponse deleteRange(long index, DeleteRangeRequest r);

    /**
     * Compares, checks the branch taken, then runs it; any check failure throws before anything is written.
     * header.revision is the new revision, or the unchanged current one when the branch changed nothing.
     */
    TxnResponse txn(long index, TxnRequest r);

    /** header.revision is the current revision (never the compacted one). */
    CompactionResponse compact(long index, CompactionRequest r);

    /**
     * Lists, raises or clears alarms (contract §7.3); every member applies it, whatever member it names. The response
     * has no header. Re-applying the same request changes nothing.
     */
    AlarmResponse alarm(long index, AlarmRequest r);

    /**
     * Grants lease {@code r.ID} (never 0: the API picks an ID before proposing, so every member grants the same one)
     * and persists it in the entry's write txn. Changes no revision; header.revision is the current revision. A
     * quota decorator guards this method (a grant costs quota and is refused under NOSPACE).
     *
     * @throws EtcdException {@link EtcdError#LEASE_EXIST} if the ID is in use, {@link EtcdError#TOO_LARGE_TTL} if
     *                        the TTL is above the maximum
     */
    LeaseGrantResponse leaseGrant(long index, LeaseGrantRequest r);

    /**
     * Revokes a lease: deletes its keys in one revision, in ascending key order (none: no revision), and its record.
     * header.revision is the revision after.
     *
     * @throws EtcdException {@link EtcdError#LEASE_NOT_FOUND} if there is no such lease
     */
    LeaseRevokeResponse leaseRevoke(long index, LeaseRevokeRequest r);

    /**
     * Changes the membership (etcd's conf change): every member applies it to its {@code members} bucket; a change
     * that fails the membership's checks changes nothing. The response lists the members after the change.
     */
    MemberListResponse memberChange(long index, MemberChange change);
}
