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
import io.revkv.proto.revkvpb.InternalQuery;
import io.revkv.proto.revkvpb.InternalQueryResponse;
import io.revkv.proto.revkvpb.InternalRequest;
import io.revkv.store.apply.Quota;
import io.revkv.store.errors.EtcdError;
import io.revkv.store.lease.LeaseInfo;
import io.revkv.store.lease.Lessor;
import io.revkv.store.raft.RaftMember;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * etcd's Lease service (contract §9). Grant and revoke go through Raft; keep-alive, TimeToLive and Leases answer
 * from this member's lessor, which only the leader's keeps expiring.
 */
@GrpcService
public class LeaseService extends LeaseGrpc.LeaseImplBase {

    private final RaftMember raft;
    private final Lessor leases;
    private final ResponseHeaders headers;
    private final QuotaGate quota;

    public LeaseService(RaftMember raft, Lessor leases, ResponseHeaders headers, QuotaGate quota) {
        this.quota = quota;
        this.raft = raft;
        this.leases = leases;
        this.headers = headers;
        raft.answerQueries(InternalQuery.QueryCase.LEASE_KEEP_ALIVE, this::renewAsPrimary);
        raft.answerQueries(InternalQuery.QueryCase.LEASE_TIME_TO_LIVE, this::timeToLiveAsPrimary);
    }

    /** ID 0 is replaced by a random positive ID here, before proposing, so every member grants the same lease. */
    @Override
    public void leaseGrant(LeaseGrantRequest request, StreamObserver<LeaseGrantResponse> observer) {
        LeaseGrantRequest withId = request.getID() != 0 ? request
                : request.toBuilder().setID(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE)).build();
        Replies.complete(observer, () -> quota.admit(Quota.LEASE_GRANT_COST)
                .thenCompose(admitted -> raft.propose(InternalRequest.newBuilder().setLeaseGrant(withId).build()))
                .thenApply(r -> r.getLeaseGrant().toBuilder()
                        .setHeader(headers.stamp(r.getLeaseGrant().getHeader())).build()));
    }

    @Override
    public void leaseRevoke(LeaseRevokeRequest request, StreamObserver<LeaseRevokeResponse> observer) {
        Replies.complete(observer, () -> raft
                .propose(InternalRequest.newBuilder().setLeaseRevoke(request).build())
                .thenApply(r -> r.getLeaseRevoke().toBuilder()
                        .setHeader(headers.stamp(r.getLeaseRevoke().getHeader())).build()));
    }

    @Override
    public StreamObserver<LeaseKeepAliveRequest> leaseKeepAlive(StreamObserver<LeaseKeepAliveResponse> observer) {
        return new KeepAliveStream(observer);
    }

    /**
     * Answered by the leader's lessor, the primary, which alone knows how long a lease has left (etcd forwards
     * TimeToLive to the leader). An unknown lease gets TTL −1 and no error, as in etcd.
     */
    @Override
    public void leaseTimeToLive(LeaseTimeToLiveRequest request, StreamObserver<LeaseTimeToLiveResponse> observer) {
        Replies.complete(observer, () -> raft
                .askLeader(InternalQuery.newBuilder().setLeaseTimeToLive(request).build())
                .thenApply(answer -> answer.getLeaseTimeToLive().toBuilder()
                        .setHeader(headers.stamp(ResponseHeader.getDefaultInstance())).build()));
    }

    private InternalQueryResponse timeToLiveAsPrimary(InternalQuery query) {
        LeaseTimeToLiveRequest request = query.getLeaseTimeToLive();
        Optional<LeaseInfo> info = leases.timeToLive(request.getID());
        LeaseTimeToLiveResponse.Builder b = LeaseTimeToLiveResponse.newBuilder()
                .setID(request.getID())
                .setTTL(info.map(LeaseInfo::remainingSeconds).orElse(-1L))
                .setGrantedTTL(info.map(LeaseInfo::grantedTtl).orElse(0L));
        if (request.getKeys()) {
            info.ifPresent(i -> b.addAllKeys(i.keys()));
        }
        return InternalQueryResponse.newBuilder().setLeaseTimeToLive(b).build();
    }

    /** Renews on the leader's lessor: TTL 0 for a lease that does not exist or has expired (no error, as in etcd). */
    private InternalQueryResponse renewAsPrimary(InternalQuery query) {
        long ttl;
        try {
            ttl = leases.renew(query.getLeaseKeepAlive());
        } catch (RuntimeException e) {
            if (!EtcdError.LEASE_NOT_FOUND.matches(e)) {
                throw e;
            }
            ttl = 0;
        }
        return InternalQueryResponse.newBuilder().setLeaseTtl(ttl).build();
    }

    @Override
    public void leaseLeases(LeaseLeasesRequest request, StreamObserver<LeaseLeasesResponse> observer) {
        Replies.complete(observer, () -> {
            LeaseLeasesResponse.Builder b = LeaseLeasesResponse.newBuilder()
                    .setHeader(headers.stamp(ResponseHeader.getDefaultInstance()));
            leases.leases().forEach(id -> b.addLeases(LeaseStatus.newBuilder().setID(id)));
            return CompletableFuture.completedFuture(b.build());
        });
    }

    /**
     * One keep-alive stream: each request renews its lease on the leader and is answered with the TTL, in the order
     * the requests came (each waits for the one before). gRPC calls one stream's callbacks one at a time.
     */
    private final class KeepAliveStream implements StreamObserver<LeaseKeepAliveRequest> {

        private final StreamObserver<LeaseKeepAliveResponse> observer;
        private CompletableFuture<Void> previous = CompletableFuture.completedFuture(null);
        private volatile boolean failed;

        KeepAliveStream(StreamObserver<LeaseKeepAliveResponse> observer) {
            this.observer = observer;
        }

        @Override
        public void onNext(LeaseKeepAliveRequest request) {
            previous = previous.thenCompose(done -> failed ? CompletableFuture.completedFuture(null) : raft
                    .askLeader(InternalQuery.newBuilder().setLeaseKeepAlive(request.getID()).build())
                    .handle((answer, error) -> {
                        answer(request.getID(), answer, error);
                        return null;
                    }));
        }

        private synchronized void answer(long id, InternalQueryResponse answer, Throwable error) {
            if (failed) {
                return;
            }
            if (error != null) {
                failed = true;
                observer.onError(EtcdError.toStatus(error));
                return;
            }
            observer.onNext(LeaseKeepAliveResponse.newBuilder()
                    .setHeader(headers.stamp(ResponseHeader.getDefaultInstance()))
                    .setID(id)
                    .setTTL(answer.getLeaseTtl())
                    .build());
        }

        @Override
        public void onError(Throwable t) {
            // The client went away; there is nothing to clean up.
        }

        @Override
        public void onCompleted() {
            previous.thenRun(() -> {
                synchronized (this) {
                    if (!failed) {
                        observer.onCompleted();
                    }
                }
            });
        }
    }
}
