package io.revkv.store.raft;

import io.revkv.proto.etcdserverpb.MemberListResponse;
import io.revkv.proto.etcdserverpb.ResponseHeader;
import io.revkv.proto.revkvpb.InternalQuery;
import io.revkv.proto.revkvpb.InternalQueryResponse;
import io.revkv.proto.revkvpb.InternalRequest;
import io.revkv.proto.revkvpb.InternalResponse;
import io.revkv.proto.revkvpb.MemberChange;
import io.revkv.store.errors.EtcdError;
import io.revkv.store.membership.Bootstrap;
import io.revkv.store.membership.LocalIdentity;
import io.revkv.store.membership.MemberStore;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcFactory;
import org.apache.ratis.proto.RaftProtos.CommitInfoProto;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.proto.RaftProtos.ServerRpcProto;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.TransferLeadershipRequest;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.util.ExitUtils;

/**
 * This member's place in the Raft group: the Ratis server (listening on the peer URL) with the state machine; the
 * write and read path ({@link Proposer}); the Raft configuration kept in line with the membership on the leader
 * ({@link ConfigurationSync}); leadership transfer; and the questions only the leader can answer (is a learner in
 * sync, would a change keep a quorum), which a follower asks it over the Raft transport.
 */
public final class RaftMember implements AutoCloseable {

    /** etcd's default --election-timeout, the least time a member waits before it stands for leader. */
    public static final Duration ELECTION_TIMEOUT = RaftSettings.ELECTION_TIMEOUT;
    /** etcd's {@code HealthInterval}: a peer heard from within it is active. */
    static final Duration HEALTH_INTERVAL = Duration.ofSeconds(5);

    private final LocalIdentity identity;
    private final MemberStore members;
    private final RaftServer server;
    private final RaftServer.Division division;
    private final RaftClient client;
    private final Proposer proposer;
    private final ConfigurationSync configuration;
    private final Leadership leadership;
    private final ClientId adminClientId = ClientId.randomId();
    private final AtomicLong adminCallIds = new AtomicLong();
    private final LeaderQueries queries;
    private final ClusterIdCheck clusterIdCheck;

    private RaftMember(LocalIdentity identity, MemberStore members, RaftServer server, RaftClient client,
                       KvStateMachine machine, RemoteMembership remote) throws IOException {
        this.identity = identity;
        this.members = members;
        this.server = server;
        this.division = server.getDivision(RaftGroupId.valueOf(identity.groupId()));
        this.client = client;
        this.proposer = new Proposer(server, division, client.getClientRpc(), machine.appliedIndex());
        this.queries = new LeaderQueries(division, client);
        this.configuration = new ConfigurationSync(server, division, members, identity.memberId());
        this.leadership = machine.leadership();
        this.clusterIdCheck = new ClusterIdCheck(identity.clusterId(),
                ClusterIdCheck.peersOf(members.all(), identity.memberId()),
                () -> division.getInfo().getLeaderId() != null, remote).start();
        answerQueries(InternalQuery.QueryCase.MEMBERS, this::members);
        answerQueries(InternalQuery.QueryCase.CHECK_CHANGE, this::checkChange);
    }

    /**
     * The Ratis settings of a member listening on {@code listenPeerUrl}, its log below {@code raftDir}; its channels to
     * the other members are set up by {@code transport} (peer TLS, see {@link PeerTls}).
     */
    public static Settings settings(URI listenPeerUrl, Path raftDir, long snapshotCount, Parameters transport) {
        return new Settings(RaftSettings.properties(listenPeerUrl, raftDir, snapshotCount), transport,
                listenPeerUrl, raftDir);
    }

    /** How this member runs Ratis, fixed before it knows its identity (a joining member asks the cluster first). */
    public record Settings(RaftProperties properties, Parameters parameters, URI listenPeerUrl, Path raftDir) {

        /** Asks the members at the given peer URLs for the membership until {@code found} accepts it. */
        public Bootstrap.RemoteMembership remoteMembership(Predicate<MemberListResponse> found) {
            return new RemoteMembership(properties, parameters, found);
        }
    }

    /**
     * Starts the Raft server. A member of a new cluster starts with the bootstrap members as the configuration; a
     * member that joins an existing one starts with none, and waits for the leader to add it; a member with a log
     * recovers the configuration from it.
     *
     * @throws IOException naming the peer URL when it cannot be served (e.g. the port is taken)
     */
    public static RaftMember start(Settings settings, LocalIdentity identity, MemberStore members, boolean joining,
                                   KvStateMachine machine) throws IOException {
        // Ratis calls System.exit on a failed start; inside Quarkus' startup that hangs the JVM. Throwing instead
        // lets the member fail its start with a message.
        ExitUtils.disableSystemExit();
        RaftGroupId groupId = RaftGroupId.valueOf(identity.groupId());
        boolean existing = Files.isDirectory(settings.raftDir().resolve(identity.groupId().toString()));
        RaftGroup group = RaftGroup.valueOf(groupId, joining && !existing
                ? joiningPeers(members, identity.memberId(), settings.listenPeerUrl()) : voters(members));
        RaftServer server = RaftServer.newBuilder()
                .setServerId(PeerIds.peerId(identity.memberId()))
                .setGroup(group)
                .setProperties(settings.properties())
                .setParameters(settings.parameters())
                .setStateMachine(machine)
                .setOption(existing ? RaftStorage.StartupOption.RECOVER : RaftStorage.StartupOption.FORMAT)
                .build();
        try {
            server.start();
        } catch (IOException | ExitUtils.ExitException e) {
            server.close();
            throw new IOException("cannot serve Raft on " + settings.listenPeerUrl() + " (is another member using "
                    + "that port? set --listen-peer-urls and --initial-advertise-peer-urls): " + e.getMessage(), e);
        }
        ClientId clientId = ClientId.randomId();
        RaftClient client = RaftClient.newBuilder()
                .setClientId(clientId)
                .setProperties(settings.properties())
                .setRaftGroup(RaftGroup.valueOf(groupId, voters(members)))
                .setClientRpc(new GrpcFactory(settings.parameters()).newRaftClientRpc(clientId, settings.properties()))
                .build();
        RaftMember member = new RaftMember(identity, members, server, client, machine,
                new RemoteMembership(settings.properties(), settings.parameters(), any -> true));
        machine.answerQueriesWith(member.queries::answer);
        return member;
    }

    /**
     * A joining member starts as a listener of the voters it learned: running, so that it takes entries, a snapshot,
     * a vote request or leadership once the leader has added it, but never standing for election before. (Started
     * outside the configuration instead, Ratis keeps it "initializing" for good when it is added as a listener: it
     * marks only voters as caught up.)
     */
    private static List<RaftPeer> joiningPeers(MemberStore members, long localId, URI listenPeerUrl) {
        List<RaftPeer> peers = new java.util.ArrayList<>(voters(members).stream()
                .filter(p -> PeerIds.memberId(p.getId()) != localId).toList());
        peers.add(RaftPeer.newBuilder().setId(PeerIds.peerId(localId))
                .setAddress(listenPeerUrl.getHost() + ":" + listenPeerUrl.getPort())
                .setStartupRole(RaftPeerRole.LISTENER).build());
        return peers;
    }

    private static List<RaftPeer> voters(MemberStore members) {
        Map<Long, String> voters = new java.util.LinkedHashMap<>();
        members.all().stream().filter(m -> !m.getIsLearner())
                .forEach(m -> voters.put(m.getID(), ConfigurationPlan.address(m)));
        return PeerIds.peers(voters);
    }

    /**
     * Replicates a request and returns what applying it produced.
     *
     * @return fails with the applier's error, or etcd's error for a failure of Raft (timeout, no leader)
     */
    public CompletableFuture<InternalResponse> propose(InternalRequest request) {
        return proposer.propose(request);
    }

    /**
     * Completes once this member has applied everything committed before the call (a Raft read index). Every member
     * answers it itself: a follower asks the leader for the index and waits until it has applied up to it.
     */
    public CompletableFuture<Void> readIndex() {
        return proposer.readIndex();
    }

    /**
     * Completes when the leader would make {@code change} now (etcd's strict reconfiguration checks); fails with
     * etcd's refusal otherwise.
     */
    public CompletableFuture<Void> checkOnLeader(MemberChange change) {
        return askLeader(InternalQuery.newBuilder().setCheckChange(change).build()).thenAccept(ok -> { });
    }

    /**
     * Has the leader answer {@code query} (with the handler {@link #answerQueries} registered for its kind there):
     * this member itself when it leads, the leader over the Raft transport otherwise.
     *
     * @return fails with the leader's etcd error, or with etcd's error for a failure of Raft
     */
    public CompletableFuture<InternalQueryResponse> askLeader(InternalQuery query) {
        return queries.ask(query);
    }

    /** Answers questions of {@code kind} that members ask the leader ({@link #askLeader}) with {@code handler}. */
    public void answerQueries(InternalQuery.QueryCase kind, Function<InternalQuery, InternalQueryResponse> handler) {
        queries.answerWith(kind, handler);
    }

    private InternalQueryResponse members(InternalQuery query) {
        return InternalQueryResponse.newBuilder().setMembers(MemberListResponse.newBuilder()
                .setHeader(ResponseHeader.newBuilder().setClusterId(members.clusterId())
                        .setMemberId(identity.memberId()))
                .addAllMembers(members.all())).build();
    }

    private InternalQueryResponse checkChange(InternalQuery query) {
        reconfigurationCheck().check(query.getCheckChange());
        return InternalQueryResponse.newBuilder().setOk(true).build();
    }

    private ReconfigurationCheck reconfigurationCheck() {
        Map<Long, Long> progress = new HashMap<>();
        for (CommitInfoProto info : division.getCommitInfos()) {
            progress.put(PeerIds.memberId(RaftPeerId.valueOf(info.getServer().getId())), info.getCommitIndex());
        }
        return new ReconfigurationCheck(members.all(), activePeers(), progress,
                division.getRaftLog().getLastCommittedIndex());
    }

    /** The members the leader heard from within {@link #HEALTH_INTERVAL}, itself included. */
    private Set<Long> activePeers() {
        Set<Long> active = new HashSet<>();
        active.add(identity.memberId());
        RoleInfoProto role = division.getInfo().getRoleInfoProto();
        for (ServerRpcProto follower : role.getLeaderInfo().getFollowerInfoList()) {
            if (follower.getLastRpcElapsedTimeMs() < HEALTH_INTERVAL.toMillis()) {
                active.add(PeerIds.memberId(RaftPeerId.valueOf(follower.getId().getId())));
            }
        }
        return active;
    }

    /**
     * Hands leadership to {@code target} (etcd's MoveLeader) and completes once it leads. Only the leader moves
     * leadership; the target must be a voting member.
     */
    public CompletableFuture<Void> moveLeader(long target) {
        if (!division.getInfo().isLeader()) {
            return CompletableFuture.failedFuture(EtcdError.NOT_LEADER.exception());
        }
        if (members.byId(target).map(m -> m.getIsLearner()).orElse(true)) {
            return CompletableFuture.failedFuture(EtcdError.BAD_LEADER_TRANSFEREE.exception());
        }
        if (target == identity.memberId()) {
            return CompletableFuture.completedFuture(null);
        }
        try {
            return server.transferLeadershipAsync(new TransferLeadershipRequest(adminClientId, division.getId(),
                            division.getGroup().getGroupId(), adminCallIds.incrementAndGet(), PeerIds.peerId(target),
                            RaftSettings.REQUEST_TIMEOUT.toMillis()))
                    .thenAccept(RaftFailures::check);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(RaftFailures.toEtcd(e));
        }
    }

    /** The current term alone: every response header carries it, so it skips the rest of {@link #status()}. */
    public long term() {
        return division.getInfo().getCurrentTerm();
    }

    public RaftStatus status() {
        var info = division.getInfo();
        return new RaftStatus(PeerIds.memberId(info.getLeaderId()), info.getCurrentTerm(),
                division.getRaftLog().getLastCommittedIndex(), info.getLastAppliedIndex());
    }

    /** Whether this member is a learner (a Ratis listener), as etcd's Status reports it. */
    public boolean isLearner() {
        return members.byId(identity.memberId()).map(m -> m.getIsLearner()).orElse(false);
    }

    /** Whether this member is still part of the Raft configuration (as a voter or a listener). */
    public boolean inConfiguration() {
        return division.getRaftConf().getPeer(division.getId(), RaftPeerRole.FOLLOWER, RaftPeerRole.LISTENER) != null;
    }

    public Leadership leadership() {
        return leadership;
    }

    public LocalIdentity identity() {
        return identity;
    }

    @Override
    public void close() throws IOException {
        clusterIdCheck.close();
        configuration.close();
        queries.close();
        proposer.close();
        client.close();
        server.close();
    }
}
