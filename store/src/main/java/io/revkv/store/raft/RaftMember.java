package io.revkv.store.raft;

import io.revkv.proto.revkvpb.InternalBatch;
import io.revkv.proto.revkvpb.InternalBatchResponse;
import io.revkv.proto.revkvpb.InternalRequest;
import io.revkv.proto.revkvpb.InternalResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.retry.RequestTypeDependentRetryPolicy;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.grpc.GrpcFactory;
import org.apache.ratis.proto.RaftProtos.RaftClientRequestProto;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.RaftClientAsynchronousProtocol;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.retry.RetryPolicy;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.apache.ratis.util.ExitUtils;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;

/**
 * This member's place in the Raft group: the Ratis server (listening on the peer URL) with the state machine, and the
 * client through which the etcd API proposes requests and asks for read indexes.
 */
public final class RaftMember implements AutoCloseable {

    /** etcd's default --election-timeout, the least time a member waits before it stands for leader. */
    public static final Duration ELECTION_TIMEOUT = Duration.ofSeconds(1);

    /** etcd's request timeout: 5 s + 2 × the election timeout. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5).plus(ELECTION_TIMEOUT.multipliedBy(2));

    /**
     * Entries being replicated at once: two keep the log busy (one is written while the one before is applied)
     * and leave everything else waiting to share the next entry.
     */
    private static final int MAX_ENTRIES_IN_FLIGHT = 2;
    /** An entry takes more proposals while under 1 MiB, well inside Ratis' 4 MiB limit on an append's entries. */
    private static final int MAX_ENTRY_BYTES = 1 << 20;
    /**
     * Ratis purges whole closed segments only. A quarter of its 32 MB default, so that the entries of one
     * {@code --snapshot-count} interval of small requests (100 000 puts of ~100 bytes are ~15 MB) span several
     * segments and the log shrinks to about one interval after each snapshot.
     */
    private static final SizeInBytes LOG_SEGMENT_SIZE = SizeInBytes.valueOf("8MB");
    /**
     * How far ahead of its end Ratis fills a log segment with zeros, so that an fsync need not update the file's size.
     * The next fsync writes the whole fill to disk: with Ratis' 4 MB, a new segment stalled appends for 11-14 ms. 64 KB
     * a time spreads that over the appends (one fill per ~200 puts); the roll's stall is now about 9 ms.
     */
    private static final SizeInBytes LOG_PREALLOCATION = SizeInBytes.valueOf("64KB");
    /** The log entries Ratis caches on the heap: at most this many closed segments, and this many bytes. */
    private static final int LOG_CACHE_SEGMENTS = 1;
    private static final long LOG_CACHE_BYTES = 64L << 20;
    /**
     * How long Ratis remembers an entry's reply, to answer a client that sends the same call again instead of applying
     * it twice: past the last retry the client may send ({@link #clientRetries}). Ratis' 60 s kept a minute of replies
     * on the heap, each copied by young collection after young collection before it died in the old generation.
     */
    static final Duration RETRY_CACHE_EXPIRY = REQUEST_TIMEOUT.plusSeconds(3);

    private final ClusterTopology topology;
    private final RaftServer server;
    private final RaftClient client;
    private final RaftServer.Division division;
    /**
     * Where this member submits its own proposals and read indexes: the group's division itself when it takes them.
     * The server would first hand each to its client executor, to keep its gRPC threads free; here that is one more
     * thread hand-off on every write's path for nothing, since submitting only queues the entry for the log.
     */
    private final RaftClientAsynchronousProtocol local;
    private final Leadership leadership;
    /** Identifies the requests this member submits to its own Ratis server, which keys its retry cache by them. */
    private final ClientId localClientId = ClientId.randomId();
    private final AtomicLong callIds = new AtomicLong();
    private final ProposalBatcher proposals = new ProposalBatcher(this::replicate, MAX_ENTRIES_IN_FLIGHT,
            MAX_ENTRY_BYTES);
    private final ReadBarrier reads = new ReadBarrier(this::fetchReadIndex);
    /**
     * Where replies are handed to the proposers, and the next entry is appended: the reply to an in-process
     * proposal completes on Ratis' apply thread, which must go on applying rather than answer clients.
     */
    private final ExecutorService replies = Executors.newFixedThreadPool(2, task -> {
        Thread thread = new Thread(task, "revkv-raft-reply");
        thread.setDaemon(true);
        return thread;
    });

    private RaftMember(ClusterTopology topology, RaftServer server, RaftClient client, Leadership leadership)
            throws IOException {
        this.topology = topology;
        this.server = server;
        this.client = client;
        this.division = server.getDivision(topology.group().getGroupId());
        this.local = division instanceof RaftClientAsynchronousProtocol direct ? direct : server;
        this.leadership = leadership;
    }

    /**
     * Starts the Raft server on {@code listenPeerUrl}, its log below {@code raftDir}, taking a snapshot at the latest
     * every {@code snapshotCount} applied entries (the state machine asks for one every that many requests); its
     * channels to the other members are set up by {@code transport} (peer TLS, see {@link PeerTls}).
     *
     * @throws IOException naming the peer URL when it cannot be served (e.g. the port is taken)
     */
    public static RaftMember start(ClusterTopology topology, URI listenPeerUrl, Path raftDir, KvStateMachine machine,
                                   long snapshotCount, Parameters transport) throws IOException {
        // Ratis calls System.exit on a failed start; inside Quarkus' startup that hangs the JVM. Throwing instead
        // lets the member fail its start with a message.
        ExitUtils.disableSystemExit();
        RaftProperties properties = properties(listenPeerUrl, raftDir, snapshotCount);
        RaftGroup group = topology.group();
        boolean existing = Files.isDirectory(raftDir.resolve(group.getGroupId().getUuid().toString()));
        RaftServer server = RaftServer.newBuilder()
                .setServerId(topology.localPeerId())
                .setGroup(group)
                .setProperties(properties)
                .setParameters(transport)
                .setStateMachine(machine)
                .setOption(existing ? RaftStorage.StartupOption.RECOVER : RaftStorage.StartupOption.FORMAT)
                .build();
        try {
            server.start();
        } catch (IOException | ExitUtils.ExitException e) {
            server.close();
            throw new IOException("cannot serve Raft on " + listenPeerUrl + " (is another member using that port? "
                    + "set --listen-peer-urls and --initial-advertise-peer-urls): " + e.getMessage(), e);
        }
        ClientId clientId = ClientId.randomId();
        RaftClient client = RaftClient.newBuilder()
                .setClientId(clientId)
                .setProperties(properties)
                .setRaftGroup(group)
                .setClientRpc(new GrpcFactory(transport).newRaftClientRpc(clientId, properties))
                .setRetryPolicy(clientRetries())
                .build();
        return new RaftMember(topology, server, client, machine.leadership());
    }

    /**
     * The client through which a follower forwards proposals retries a write (Ratis' default: at once, for ever)
     * only while its proposer still waits for it, so that no retry reaches the leader after the leader's retry
     * cache has forgotten the first attempt.
     */
    static RetryPolicy clientRetries() {
        return RequestTypeDependentRetryPolicy.newBuilder()
                .setRetryPolicy(RaftClientRequestProto.TypeCase.WRITE, RetryPolicies.retryForeverNoSleep())
                .setTimeout(RaftClientRequestProto.TypeCase.WRITE,
                        ratis(REQUEST_TIMEOUT))
                .build();
    }

    private static TimeDuration ratis(Duration duration) {
        return TimeDuration.valueOf(duration.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static RaftProperties properties(URI listenPeerUrl, Path raftDir, long snapshotCount) {
        RaftProperties p = new RaftProperties();
        RaftServerConfigKeys.setStorageDir(p, List.of(raftDir.toFile()));
        // The Raft log is the store's only write-ahead log (the backend writes no WAL of its own), so it must not be
        // purged above what the backend holds durably: the state machine flushes the backend in each snapshot. It asks
        // for one every snapshotCount requests (SnapshotSchedule), at any distance from the last one in entries;
        // Ratis' own trigger every snapshotCount entries is the backstop, and it takes one when it stops (so a clean
        // restart replays nothing).
        RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(p, true);
        RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(p, snapshotCount);
        RaftServerConfigKeys.Snapshot.setCreationGap(p, 1);
        // Ratis' default, spelled out: purge up to the snapshot index only where every member has committed that far
        // (the lowest commit index otherwise). A follower behind the purged log would need install-snapshot, which
        // the state machine cannot serve yet (its snapshots have no files).
        RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(p, false);
        RaftServerConfigKeys.Log.setPurgeGap(p, 1);
        RaftServerConfigKeys.Log.setSegmentSizeMax(p, LOG_SEGMENT_SIZE);
        RaftServerConfigKeys.Log.setPreallocatedSize(p, LOG_PREALLOCATION);
        GrpcConfigKeys.Server.setHost(p, listenPeerUrl.getHost());
        GrpcConfigKeys.Server.setPort(p, listenPeerUrl.getPort());
        // etcd's default Range is linearizable: Ratis must answer reads through ReadIndex.
        RaftServerConfigKeys.Read.setOption(p, RaftServerConfigKeys.Read.Option.LINEARIZABLE);
        // Ratis' metadata entries record the commit index in the log, one more entry and fsync per write; the state
        // machine keeps its own consistent index and needs none of them.
        RaftServerConfigKeys.Log.setLogMetadataEnabled(p, false);
        // Ratis keeps up to 6 closed log segments (200 MiB) of entries on the heap, to send them to followers; the
        // state machine has applied them already, and a follower that far behind is served from the segment files.
        // Each cached entry survives young collections and dies in the old generation: one closed segment besides the
        // open one (at 1000 puts/s: 15 000 entries instead of 63 000 live on the heap).
        RaftServerConfigKeys.Log.setSegmentCacheNumMax(p, LOG_CACHE_SEGMENTS);
        RaftServerConfigKeys.Log.setSegmentCacheSizeMax(p, SizeInBytes.valueOf(LOG_CACHE_BYTES));
        RaftServerConfigKeys.RetryCache.setExpiryTime(p,
                ratis(RETRY_CACHE_EXPIRY));
        RaftServerConfigKeys.Rpc.setTimeoutMin(p, ratis(ELECTION_TIMEOUT));
        RaftServerConfigKeys.Rpc.setTimeoutMax(p,
                ratis(ELECTION_TIMEOUT.multipliedBy(2)));
        // A lone member need not wait a whole election timeout to lead after a start.
        RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMin(p, ratis(Duration.ofMillis(50)));
        RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMax(p, ratis(Duration.ofMillis(150)));
        return p;
    }

    /**
     * Replicates a request and returns what applying it produced. Requests proposed while earlier ones are being
     * replicated share a log entry ({@link ProposalBatcher}).
     *
     * @return fails with the applier's typed exception, or {@link ProposalTimeoutException}
     */
    public CompletableFuture<InternalResponse> propose(InternalRequest request) {
        return proposals.propose(request);
    }

    /**
     * Appends one entry. The leader submits it to its own Ratis server in-process; a follower (or a member that has
     * just lost leadership) sends it to the leader through the client.
     */
    private CompletableFuture<InternalBatchResponse> replicate(InternalBatch batch) {
        Message message = Message.valueOf(UnsafeByteOperations.unsafeWrap(batch.toByteArray()));
        CompletableFuture<RaftClientReply> reply = division.getInfo().isLeader()
                ? submitLocally(message, RaftClientRequest.writeRequestType()).thenCompose(answer ->
                        answer.getNotLeaderException() == null ? CompletableFuture.completedFuture(answer)
                                : client.async().send(message))
                : client.async().send(message);
        return withTimeout(reply).thenApplyAsync(RaftMember::unwrap, replies);
    }

    /**
     * Completes once this member has applied everything committed before the call (a Raft read index). Every member
     * answers it itself: a follower asks the leader for the index and waits until it has applied up to it.
     */
    public CompletableFuture<Void> readIndex() {
        return reads.await();
    }

    private CompletableFuture<Void> fetchReadIndex() {
        return withTimeout(submitLocally(Message.EMPTY, RaftClientRequest.readRequestType())).thenApply(reply -> {
            checkSuccess(reply);
            return null;
        });
    }

    private CompletableFuture<RaftClientReply> submitLocally(Message message, RaftClientRequest.Type type) {
        RaftClientRequest request = RaftClientRequest.newBuilder()
                .setClientId(localClientId)
                .setServerId(division.getId())
                .setGroupId(division.getMemberId().getGroupId())
                .setCallId(callIds.incrementAndGet())
                .setMessage(message)
                .setType(type)
                .build();
        try {
            return local.submitClientRequestAsync(request);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The current term alone: every response header carries it, so it skips the rest of {@link #status()}. */
    public long term() {
        return division.getInfo().getCurrentTerm();
    }

    public RaftStatus status() {
        var info = division.getInfo();
        return new RaftStatus(ClusterTopology.memberId(info.getLeaderId()), info.getCurrentTerm(),
                division.getRaftLog().getLastCommittedIndex(), info.getLastAppliedIndex());
    }

    /** Whether this member is a learner (etcd's IsLearner): in Ratis, a listener, which replicates but never votes. */
    public boolean isLearner() {
        return division.getInfo().isListener();
    }

    public Leadership leadership() {
        return leadership;
    }

    public ClusterTopology topology() {
        return topology;
    }

    private static <T> CompletableFuture<T> withTimeout(CompletableFuture<T> future) {
        return future.orTimeout(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).exceptionally(error -> {
            Throwable cause = error.getCause() != null ? error.getCause() : error;
            if (cause instanceof TimeoutException) {
                throw new ProposalTimeoutException();
            }
            throw error instanceof RuntimeException r ? r : new IllegalStateException(error);
        });
    }

    private static InternalBatchResponse unwrap(RaftClientReply reply) {
        checkSuccess(reply);
        return AppliedMessage.responseOf(reply.getMessage());
    }

    private static void checkSuccess(RaftClientReply reply) {
        if (!reply.isSuccess()) {
            throw new IllegalStateException("raft: " + reply.getException().getMessage(), reply.getException());
        }
    }

    @Override
    public void close() throws IOException {
        replies.shutdown();
        client.close();
        server.close();
    }
}
