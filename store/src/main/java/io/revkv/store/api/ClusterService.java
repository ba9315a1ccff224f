package io.revkv.store.api;

import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.revkv.proto.etcdserverpb.ClusterGrpc;
import io.revkv.proto.etcdserverpb.Member;
import io.revkv.proto.etcdserverpb.MemberAddRequest;
import io.revkv.proto.etcdserverpb.MemberAddResponse;
import io.revkv.proto.etcdserverpb.MemberListRequest;
import io.revkv.proto.etcdserverpb.MemberListResponse;
import io.revkv.proto.etcdserverpb.MemberPromoteRequest;
import io.revkv.proto.etcdserverpb.MemberPromoteResponse;
import io.revkv.proto.etcdserverpb.MemberRemoveRequest;
import io.revkv.proto.etcdserverpb.MemberRemoveResponse;
import io.revkv.proto.etcdserverpb.MemberUpdateRequest;
import io.revkv.proto.etcdserverpb.MemberUpdateResponse;
import io.revkv.proto.etcdserverpb.ResponseHeader;
import io.revkv.proto.revkvpb.InternalRequest;
import io.revkv.proto.revkvpb.MemberChange;
import io.revkv.store.config.StoreConfig;
import io.revkv.store.errors.EtcdError;
import io.revkv.store.membership.MemberChanges;
import io.revkv.store.membership.MemberIds;
import io.revkv.store.membership.MemberStore;
import io.revkv.store.raft.RaftMember;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * etcd's Cluster service over the replicated membership. A change is first checked against the membership this
 * member has applied (so that bad requests fail at once, as etcd's do) and by the leader (etcd's strict
 * reconfiguration checks, which need its view of the followers), then proposed through Raft; it answers once applied,
 * with the membership after it, as etcd's does. The Raft configuration follows on the leader, later: a member added
 * but not started yet holds nothing up.
 *
 * <p>Unlike etcd 3.4, MemberUpdate checks its peer URLs as MemberAdd does (3.4 stores any string it is given).
 */
@GrpcService
public class ClusterService extends ClusterGrpc.ClusterImplBase {

    private final RaftMember raft;
    private final String ownName;
    private final List<String> ownClientUrls;
    private final MemberStore members;
    private final ResponseHeaders headers;

    public ClusterService(StoreConfig config, RaftMember raft, MemberStore members, ResponseHeaders headers) {
        this.ownName = config.name();
        this.ownClientUrls = config.advertiseClientUrls();
        this.raft = raft;
        this.members = members;
        this.headers = headers;
    }

    @Override
    public void memberList(MemberListRequest request, StreamObserver<MemberListResponse> observer) {
        Replies.complete(observer, () -> {
            CompletableFuture<Void> ready = request.getLinearizable()
                    ? raft.readIndex() : CompletableFuture.completedFuture(null);
            return ready.thenApply(ignored -> MemberListResponse.newBuilder().setHeader(header())
                    .addAllMembers(withOwnAttributes(members.all())).build());
        });
    }

    /**
     * This member as it knows itself, before its attributes have come back through the log: etcd serves clients only
     * once it has published them, so a client never sees the member it asks without its name and client URLs; revkv
     * serves at once and publishes in the background ({@code MemberPublication}).
     */
    private List<Member> withOwnAttributes(List<Member> all) {
        long self = raft.identity().memberId();
        return all.stream().map(m -> m.getID() != self || m.getClientURLsCount() > 0 ? m : m.toBuilder()
                .setName(ownName).clearClientURLs().addAllClientURLs(ownClientUrls).build()).toList();
    }

    @Override
    public void memberAdd(MemberAddRequest request, StreamObserver<MemberAddResponse> observer) {
        Replies.complete(observer, () -> {
            List<String> peerUrls = validPeerUrls(request.getPeerURLsList());
            Member added = Member.newBuilder()
                    .setID(MemberIds.addedMemberId(peerUrls, Instant.now().getEpochSecond()))
                    .addAllPeerURLs(peerUrls)
                    .setIsLearner(request.getIsLearner())
                    .build();
            return change(MemberChange.newBuilder().setAdd(added).build()).thenApply(after ->
                    MemberAddResponse.newBuilder().setHeader(header()).setMember(added)
                            .addAllMembers(after.getMembersList()).build());
        });
    }

    @Override
    public void memberRemove(MemberRemoveRequest request, StreamObserver<MemberRemoveResponse> observer) {
        Replies.complete(observer, () -> change(MemberChange.newBuilder().setRemove(request.getID()).build())
                .thenApply(after -> MemberRemoveResponse.newBuilder().setHeader(header())
                        .addAllMembers(after.getMembersList()).build()));
    }

    @Override
    public void memberUpdate(MemberUpdateRequest request, StreamObserver<MemberUpdateResponse> observer) {
        Replies.complete(observer, () -> {
            Member update = Member.newBuilder().setID(request.getID())
                    .addAllPeerURLs(validPeerUrls(request.getPeerURLsList())).build();
            return change(MemberChange.newBuilder().setUpdate(update).build()).thenApply(after ->
                    MemberUpdateResponse.newBuilder().setHeader(header())
                            .addAllMembers(after.getMembersList()).build());
        });
    }

    @Override
    public void memberPromote(MemberPromoteRequest request, StreamObserver<MemberPromoteResponse> observer) {
        Replies.complete(observer, () -> change(MemberChange.newBuilder().setPromote(request.getID()).build())
                .thenApply(after -> MemberPromoteResponse.newBuilder().setHeader(header())
                        .addAllMembers(after.getMembersList()).build()));
    }

    /** Checks {@code change} here and on the leader, then proposes it; completes with the membership after it. */
    private CompletableFuture<MemberListResponse> change(MemberChange change) {
        new MemberChanges(members).check(change);
        return raft.checkOnLeader(change)
                .thenCompose(ok -> raft.propose(InternalRequest.newBuilder().setMemberChange(change).build()))
                .thenApply(response -> response.getMemberChange());
    }

    /** etcd's Cluster RPCs answer from the membership store and leave the revision out. */
    private ResponseHeader header() {
        return headers.stampMember(ResponseHeader.getDefaultInstance());
    }

    private static List<String> validPeerUrls(List<String> urls) {
        return PeerUrls.parse(urls).orElseThrow(EtcdError.MEMBER_BAD_URLS::exception);
    }
}
