package io.revkv.store.raft;

import com.google.protobuf.InvalidProtocolBufferException;
import io.revkv.proto.etcdserverpb.MemberListResponse;
import io.revkv.proto.revkvpb.InternalQuery;
import io.revkv.proto.revkvpb.InternalQueryResponse;
import io.revkv.store.membership.Bootstrap;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcFactory;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.GroupListReply;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.jboss.logging.Logger;

/**
 * How a member started with {@code --initial-cluster-state existing} learns the membership: over the Raft transport,
 * from any member listed in {@code --initial-cluster} (which group it serves, then what it has applied of the
 * membership). A member that has not applied the MemberAdd yet is asked again until {@link #PATIENCE} runs out.
 */
final class RemoteMembership implements Bootstrap.RemoteMembership {

    private static final Logger LOG = Logger.getLogger(RemoteMembership.class);
    static final Duration PATIENCE = Duration.ofSeconds(30);
    /** Ratis checks a request's group, not the ID of the server it was sent to, which this member does not know. */
    private static final RaftPeerId UNKNOWN = RaftPeerId.valueOf("unknown");

    private final RaftProperties properties;
    private final Parameters parameters;
    private final Predicate<MemberListResponse> found;

    RemoteMembership(RaftProperties properties, Parameters parameters, Predicate<MemberListResponse> found) {
        this.properties = properties;
        this.parameters = parameters;
        this.found = found;
    }

    @Override
    public Bootstrap.RemoteCluster fetch(List<URI> peerUrls) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        Bootstrap.RemoteCluster last = null;
        while (System.nanoTime() < deadline) {
            for (URI url : peerUrls) {
                try {
                    last = ask(url);
                    if (found.test(last.members())) {
                        return last;
                    }
                } catch (IOException | RuntimeException e) {
                    LOG.infof("cannot learn the membership from %s yet: %s", url, e.getMessage());
                }
            }
            sleep();
        }
        if (last != null) {
            return last;
        }
        throw new IllegalStateException("--initial-cluster-state existing: no member of --initial-cluster " + peerUrls
                + " answered in " + PATIENCE.toSeconds() + " s; check that they run and that their peer URLs are right");
    }

    /** The membership as the member at {@code peerUrl} has applied it, whichever cluster it belongs to. */
    Bootstrap.RemoteCluster ask(URI peerUrl) throws IOException {
        return ask(RaftPeer.newBuilder().setId(UNKNOWN).setAddress(peerUrl.getHost() + ":" + peerUrl.getPort()).build());
    }

    private Bootstrap.RemoteCluster ask(RaftPeer peer) throws IOException {
        RaftGroupId groupId;
        try (RaftClient client = client(RaftGroup.valueOf(RaftGroupId.randomId(), peer))) {
            GroupListReply groups = client.getGroupManagementApi(peer.getId()).list();
            if (groups.getGroupIds().isEmpty()) {
                throw new IOException("it serves no Raft group yet");
            }
            groupId = groups.getGroupIds().get(0);
        }
        try (RaftClient client = client(RaftGroup.valueOf(groupId, peer))) {
            InternalQuery query = InternalQuery.newBuilder().setMembers(true).build();
            RaftClientReply reply = client.io().sendStaleRead(
                    Message.valueOf(UnsafeByteOperations.unsafeWrap(query.toByteArray())), 0, peer.getId());
            RaftFailures.check(reply);
            InternalQueryResponse response = InternalQueryResponse.parseFrom(
                    reply.getMessage().getContent().asReadOnlyByteBuffer());
            return new Bootstrap.RemoteCluster(groupId.getUuid(), response.getMembers());
        } catch (InvalidProtocolBufferException e) {
            throw new IOException("unreadable membership answer", e);
        }
    }

    private RaftClient client(RaftGroup group) {
        ClientId id = ClientId.randomId();
        return RaftClient.newBuilder()
                .setClientId(id)
                .setProperties(properties)
                .setRaftGroup(group)
                .setClientRpc(new GrpcFactory(parameters).newRaftClientRpc(id, properties))
                .setRetryPolicy(RetryPolicies.noRetry())
                .build();
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while joining the cluster", e);
        }
    }
}
