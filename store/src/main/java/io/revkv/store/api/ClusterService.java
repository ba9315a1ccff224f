package io.revkv.store.api;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.revkv.proto.etcdserverpb.ClusterGrpc;
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
import io.revkv.store.Member;
import io.revkv.store.errors.EtcdError;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * etcd's Cluster service over the bootstrap membership ({@link ClusterMembers}).
 *
 * <p>MemberList answers with every member and a header without revision, as etcd does. Membership <em>changes</em>
 * need Raft reconfiguration, which revkv does not do yet: a change request first meets every check with which etcd
 * would refuse it (bad or taken peer URLs, unknown member, promoting a voter, removing the last member), with etcd's
 * code and message; a request that passes them all, and so would really change the membership, fails with
 * UNIMPLEMENTED ({@link #CHANGES_UNSUPPORTED}). A MemberUpdate that repeats a member's current peer URLs changes
 * nothing and succeeds, as in etcd.
 *
 * <p>Unlike etcd 3.4, MemberUpdate checks its peer URLs as MemberAdd does (3.4 stores any string it is given).
 */
@GrpcService
public class ClusterService extends ClusterGrpc.ClusterImplBase {

    static final String CHANGES_UNSUPPORTED =
            "revkv: membership changes (Raft reconfiguration) are not supported yet; the members are fixed by "
                    + "--initial-cluster";

    private final Member member;
    private final ResponseHeaders headers;
    private final ClusterMembers members;

    public ClusterService(Member member, ResponseHeaders headers) {
        this.member = member;
        this.headers = headers;
        this.members = ClusterMembers.of(member.config(), member.raft().topology());
    }

    @Override
    public void memberList(MemberListRequest request, StreamObserver<MemberListResponse> observer) {
        Replies.complete(observer, () -> {
            CompletableFuture<Void> ready = request.getLinearizable()
                    ? member.raft().readIndex() : CompletableFuture.completedFuture(null);
            return ready.thenApply(ignored -> MemberListResponse.newBuilder()
                    .setHeader(headers.stampMember(ResponseHeader.getDefaultInstance()))
                    .addAllMembers(members.all()).build());
        });
    }

    @Override
    public void memberAdd(MemberAddRequest request, StreamObserver<MemberAddResponse> observer) {
        Replies.complete(observer, () -> {
            List<String> peerUrls = validPeerUrls(request.getPeerURLsList());
            if (members.peerUrlTaken(peerUrls, 0)) {
                throw EtcdError.PEER_URL_EXIST.statusException();
            }
            throw changesUnsupported();
        });
    }

    @Override
    public void memberRemove(MemberRemoveRequest request, StreamObserver<MemberRemoveResponse> observer) {
        Replies.complete(observer, () -> {
            existing(request.getID());
            if (members.all().size() == 1) {
                // etcd's strict reconfiguration check: without the last member nobody would be left to start.
                throw EtcdError.NOT_ENOUGH_STARTED_MEMBERS.statusException();
            }
            throw changesUnsupported();
        });
    }

    @Override
    public void memberUpdate(MemberUpdateRequest request, StreamObserver<MemberUpdateResponse> observer) {
        Replies.complete(observer, () -> {
            io.revkv.proto.etcdserverpb.Member current = existing(request.getID());
            List<String> peerUrls = validPeerUrls(request.getPeerURLsList());
            if (members.peerUrlTaken(peerUrls, request.getID())) {
                throw EtcdError.PEER_URL_EXIST.statusException();
            }
            if (!peerUrls.equals(current.getPeerURLsList())) {
                throw changesUnsupported();
            }
            return CompletableFuture.completedFuture(MemberUpdateResponse.newBuilder()
                    .setHeader(headers.stampMember(ResponseHeader.getDefaultInstance())).addAllMembers(members.all()).build());
        });
    }

    @Override
    public void memberPromote(MemberPromoteRequest request, StreamObserver<MemberPromoteResponse> observer) {
        Replies.complete(observer, () -> {
            existing(request.getID());
            // Every member is a voter: learners only come from a MemberAdd, which revkv does not do yet.
            throw EtcdError.MEMBER_NOT_LEARNER.statusException();
        });
    }

    private io.revkv.proto.etcdserverpb.Member existing(long id) {
        return members.byId(id).orElseThrow(EtcdError.MEMBER_NOT_FOUND::statusException);
    }

    private static List<String> validPeerUrls(List<String> urls) {
        return PeerUrls.parse(urls).orElseThrow(EtcdError.MEMBER_BAD_URLS::statusException);
    }

    private static StatusRuntimeException changesUnsupported() {
        return Status.UNIMPLEMENTED.withDescription(CHANGES_UNSUPPORTED).asRuntimeException();
    }
}
