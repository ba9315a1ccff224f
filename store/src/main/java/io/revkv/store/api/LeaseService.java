package io.revkv.store.api;

import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.revkv.proto.etcdserverpb.LeaseGrantRequest;
import io.revkv.proto.etcdserverpb.LeaseGrantResponse;
import io.revkv.proto.etcdserverpb.LeaseGrpc;
import io.revkv.proto.etcdserverpb.LeaseKeepAliveRequest;
import io.revkv.proto.etcdserverpb.LeaseKeepAliveResponse;
import io.revkv.proto.etcdserverpb.LeaseLeasesRequest;
import io.revkv.proto.etcdserverpb.LeaseLeasesResponse;
import io.revkv.proto.etcdserverpb.LeaseRevokeRequest;
import io.revkv.proto.etcdserverpb.LeaseRevokeResponse;
import io.revkv.proto.etcdserverpb.LeaseStatus;
import io.revkv.proto.etcdserverpb.LeaseTimeToLiveRequest;
import io.revkv.proto.etcdserverpb.LeaseTimeToLiveResponse;
import io.revkv.proto.etcdserverpb.ResponseHeader;
import io.revkv.proto.revkvpb.InternalRequest;
import io.revkv.store.Member;
import io.revkv.store.apply.Quota;
import io.revkv.store.errors.EtcdError;
import io.revkv.store.lease.LeaseInfo;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * etcd's Lease service (contract §9). Grant and revoke go through Raft; keep-alive, TimeToLive and Leases answer
 * from this member's lessor, which only the leader's keeps expiring.
 */
@GrpcService
public class LeaseService extends LeaseGrpc.LeaseImplBase {

    private final Member member;
    private final ResponseHeaders headers;
    private final QuotaGate quota;

    public LeaseService(Member member, ResponseHeaders headers, QuotaGate quota) {
        this.quota = quota;
        this.member = member;
        this.headers = headers;
    }

    /** ID 0 is replaced by a random positive ID here, before proposing, so every member grants the same lease. */
    @Override
    public void leaseGrant(LeaseGrantRequest request, StreamObserver<LeaseGrantResponse> observer) {
        LeaseGrantRequest withId = request.getID() != 0 ? request
                : request.toBuilder().setID(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE)).build();
        Replies.complete(observer, () -> quota.admit(Quota.LEASE_GRANT_COST)
                .thenCompose(admitted -> member.raft().propose(InternalRequest.newBuilder().setLeaseGrant(withId).build()))
                .thenApply(r -> r.getLeaseGrant().toBuilder()
                        .setHeader(headers.stamp(r.getLeaseGrant().getHeader())).build()));
    }

    @Override
    public void leaseRevoke(LeaseRevokeRequest request, StreamObserver<LeaseRevokeResponse> observer) {
        Replies.complete(observer, () -> member.raft()
                .propose(InternalRequest.newBuilder().setLeaseRevoke(request).build())
                .thenApply(r -> r.getLeaseRevoke().toBuilder()
                        .setHeader(headers.stamp(r.getLeaseRevoke().getHeader())).build()));
    }

    @Override
    public StreamObserver<LeaseKeepAliveRequest> leaseKeepAlive(StreamObserver<LeaseKeepAliveResponse> observer) {
        return new KeepAliveStream(observer);
    }

    /** An unknown lease gets TTL −1 and no error, as in etcd. */
    @Override
    public void leaseTimeToLive(LeaseTimeToLiveRequest request, StreamObserver<LeaseTimeToLiveResponse> observer) {
        Replies.complete(observer, () -> {
            Optional<LeaseInfo> info = member.leases().timeToLive(request.getID());
            LeaseTimeToLiveResponse.Builder b = LeaseTimeToLiveResponse.newBuilder()
                    .setHeader(headers.stamp(ResponseHeader.getDefaultInstance()))
                    .setID(request.getID())
                    .setTTL(info.map(LeaseInfo::remainingSeconds).orElse(-1L))
                    .setGrantedTTL(info.map(LeaseInfo::grantedTtl).orElse(0L));
            if (request.getKeys()) {
                info.ifPresent(i -> b.addAllKeys(i.keys()));
            }
            return CompletableFuture.completedFuture(b.build());
        });
    }

    @Override
    public void leaseLeases(LeaseLeasesRequest request, StreamObserver<LeaseLeasesResponse> observer) {
        Replies.complete(observer, () -> {
            LeaseLeasesResponse.Builder b = LeaseLeasesResponse.newBuilder()
                    .setHeader(headers.stamp(ResponseHeader.getDefaultInstance()));
            member.leases().leases().forEach(id -> b.addLeases(LeaseStatus.newBuilder().setID(id)));
            return CompletableFuture.completedFuture(b.build());
        });
    }

    /**
     * One keep-alive stream: each request renews its lease and is answered with the TTL, or TTL 0 for a lease that
     * does not exist or has expired (no error, as in etcd). gRPC calls one stream's callbacks one at a time.
     */
    private final class KeepAliveStream implements StreamObserver<LeaseKeepAliveRequest> {

        private final StreamObserver<LeaseKeepAliveResponse> observer;
        private boolean failed;

        KeepAliveStream(StreamObserver<LeaseKeepAliveResponse> observer) {
            this.observer = observer;
        }

        @Override
        public void onNext(LeaseKeepAliveRequest request) {
            if (failed) {
                return;
            }
            long ttl;
            try {
                ttl = member.leases().renew(request.getID());
            } catch (RuntimeException e) {
                if (!EtcdError.LEASE_NOT_FOUND.matches(e)) {
                    failed = true;
                    observer.onError(EtcdError.toStatus(e));
                    return;
                }
                ttl = 0;
            }
            observer.onNext(LeaseKeepAliveResponse.newBuilder()
                    .setHeader(headers.stamp(ResponseHeader.getDefaultInstance()))
                    .setID(request.getID())
                    .setTTL(ttl)
                    .build());
        }

        @Override
        public void onError(Throwable t) {
            // The client went away; there is nothing to clean up.
        }

        @Override
        public void onCompleted() {
            if (!failed) {
                observer.onCompleted();
            }
        }
    }
}
