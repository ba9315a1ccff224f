package io.revkv.store.corrupt;

import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.revkv.proto.etcdserverpb.HashKVRequest;
import io.revkv.proto.etcdserverpb.HashKVResponse;
import io.revkv.proto.etcdserverpb.MaintenanceGrpc;
import io.revkv.proto.etcdserverpb.Member;
import io.revkv.store.errors.EtcdError;
import io.revkv.store.membership.MemberStore;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Asks the other members for their HashKV over gRPC at their client URLs, one member after the other and each
 * member's URLs in turn until one answers, each call bounded by etcd's request timeout. A channel lives for one call:
 * the checks are rare, and a member's URLs may change between them.
 */
public final class PeerHashes implements PeerHashSource {

    private static final Logger LOG = Logger.getLogger(PeerHashes.class);

    private final long self;
    private final MemberStore members;
    private final ClientCredentials credentials;
    private final Duration timeout;

    public PeerHashes(long self, MemberStore members, ClientCredentials credentials, Duration timeout) {
        this.self = self;
        this.members = members;
        this.credentials = credentials;
        this.timeout = timeout;
    }

    @Override
    public List<PeerHash> at(long revision) {
        List<PeerHash> answers = new ArrayList<>();
        for (Member member : members.all()) {
            if (member.getID() != self && member.getClientURLsCount() > 0) {
                answers.add(ask(member, revision));
            }
        }
        return answers;
    }

    private PeerHash ask(Member member, long revision) {
        List<String> endpoints = member.getClientURLsList();
        PeerHash.Failed last = null;
        for (String endpoint : endpoints) {
            try {
                HashKVResponse response = call(endpoint, revision);
                if (response.getHeader().getClusterId() != members.clusterId()) {
                    last = new PeerHash.Failed(member.getID(), endpoints, PeerHash.Reason.CLUSTER_ID_MISMATCH,
                            "etcdserver: cluster ID mismatch");
                } else {
                    return new PeerHash.Answered(member.getID(), endpoints, new KvHash(
                            Integer.toUnsignedLong(response.getHash()), response.getHeader().getRevision(),
                            response.getCompactRevision()));
                }
            } catch (StatusRuntimeException e) {
                last = new PeerHash.Failed(member.getID(), endpoints, reason(e), e.getStatus().getDescription());
            } catch (RuntimeException e) {
                last = new PeerHash.Failed(member.getID(), endpoints, PeerHash.Reason.UNAVAILABLE, e.toString());
            }
            LOG.warnf("failed hash kv request {local-member-id=%x, requested-revision=%d, remote-peer-endpoint=%s, "
                    + "error=%s}", self, revision, endpoint, last.error());
        }
        return last;
    }

    private HashKVResponse call(String endpoint, long revision) {
        URI uri = URI.create(endpoint);
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
        ManagedChannel channel = Grpc.newChannelBuilderForAddress(uri.getHost(), port,
                credentials.forScheme(uri.getScheme())).build();
        try {
            return MaintenanceGrpc.newBlockingStub(channel).withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .hashKV(HashKVRequest.newBuilder().setRevision(revision).build());
        } finally {
            channel.shutdownNow();
        }
    }

    private static PeerHash.Reason reason(StatusRuntimeException e) {
        String message = e.getStatus().getDescription();
        if (EtcdError.FUTURE_REV.message().equals(message)) {
            return PeerHash.Reason.FUTURE_REV;
        }
        if (EtcdError.COMPACTED.message().equals(message)) {
            return PeerHash.Reason.COMPACTED;
        }
        return PeerHash.Reason.UNAVAILABLE;
    }
}
