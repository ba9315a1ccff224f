package io.revkv.store.api;

import io.revkv.proto.etcdserverpb.ResponseHeader;
import io.revkv.store.mvcc.KvStore;
import io.revkv.store.raft.RaftMember;
import jakarta.inject.Singleton;

/**
 * Fills the top-level response header the way etcd's gRPC layer does: cluster_id, member_id and raft_term always,
 * and the current revision when the handler left it at 0. Nested headers inside a txn are not touched.
 */
@Singleton
public class ResponseHeaders {

    private final RaftMember raft;
    private final KvStore kv;
    /** Fixed for the member's life, and costly to derive (a SHA-1 of the member IDs): computed once. */
    private final long clusterId;
    private final long memberId;

    public ResponseHeaders(RaftMember raft, KvStore kv) {
        this.raft = raft;
        this.kv = kv;
        this.clusterId = raft.identity().clusterId();
        this.memberId = raft.identity().memberId();
    }

    public ResponseHeader stamp(ResponseHeader header) {
        ResponseHeader stamped = stampMember(header);
        return stamped.getRevision() != 0 ? stamped
                : stamped.toBuilder().setRevision(kv.currentRevision()).build();
    }

    /**
     * cluster_id, member_id and raft_term only: a watch response's revision is the watch's business (0 included),
     * and etcd's Cluster RPCs answer from the membership store and leave revision out [L: MemberList had no revision].
     */
    public ResponseHeader stampMember(ResponseHeader header) {
        return header.toBuilder()
                .setClusterId(clusterId)
                .setMemberId(memberId)
                .setRaftTerm(raft.term())
                .build();
    }
}
