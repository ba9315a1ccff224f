package io.revkv.store.raft;

import io.revkv.proto.revkvpb.InternalBatch;
import io.revkv.proto.revkvpb.InternalBatchResponse;
import io.revkv.proto.revkvpb.InternalRequest;
import io.revkv.proto.revkvpb.InternalResponse;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.retry.RequestTypeDependentRetryPolicy;
import org.apache.ratis.proto.RaftProtos.RaftClientRequestProto;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientAsynchronousProtocol;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.retry.RetryPolicy;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;

/**
 * The write and read-index path of one member: requests proposed while earlier ones are replicated share a log entry
 * ({@link ProposalBatcher}); the leader appends its own entries to its Ratis division in-process, a follower sends
 * them to the leader through the Ratis client; linearizable reads share read indexes ({@link ReadBarrier}). Every
 * failure reaches the caller as etcd's error ({@link RaftFailures}).
 */
final class Proposer implements AutoCloseable {

    private final RaftServer.Division division;
    /**
     * Where this member submits its own proposals and read indexes: the group's division itself when it takes them.
     * The server would first hand each to its client executor, to keep its gRPC threads free; here that is one more
     * thread hand-off on every write's path for nothing, since submitting only queues the entry for the log.
     */
    private final RaftClientAsynchronousProtocol local;
    private final RaftClient client;
    private final AppliedIndex applied;
    /** Identifies the requests this member submits to its own Ratis server, which keys its retry cache by them. */
    private final ClientId localClientId = ClientId.randomId();
    private final AtomicLong callIds = new AtomicLong();
    private final ProposalBatcher proposals = new ProposalBatcher(this::replicate, this::maxEntriesInFlight,
            RaftSettings.MAX_ENTRY_BYTES);
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
    /** One thread per entry a follower may have in flight ({@link #forward}). */
    private final ExecutorService forwarding = Executors.newFixedThreadPool(
            RaftSettings.MAX_FORWARDED_ENTRIES_IN_FLIGHT, task -> {
                Thread thread = new Thread(task, "revkv-raft-forward");
                thread.setDaemon(true);
                return thread;
            });

    Proposer(RaftServer server, RaftServer.Division division, RaftClient client, AppliedIndex applied) {
        this.division = division;
        this.applied = applied;
        this.local = division instanceof RaftClientAsynchronousProtocol direct ? direct : server;
        this.client = client;
    }

    /**
     * The client through which a follower forwards proposals retries a write (Ratis' default: at once, for ever)
     * only while its proposer still waits for it, so that no retry reaches the leader after the leader's retry
     * cache has forgotten the first attempt.
     */
    static RetryPolicy clientRetries() {
        return RequestTypeDependentRetryPolicy.newBuilder()
                .setRetryPolicy(RaftClientRequestProto.TypeCase.WRITE, RetryPolicies.retryForeverNoSleep())
                .setTimeout(RaftClientRequestProto.TypeCase.WRITE, RaftSettings.ratis(RaftSettings.REQUEST_TIMEOUT))
                .build();
    }

    /**
     * The leader keeps {@link RaftSettings#MAX_ENTRIES_IN_FLIGHT} entries in its log pipeline; a follower's entries
     * each spend a round trip to the leader besides, so it keeps more of them in flight to fill the same pipeline.
     */
    private int maxEntriesInFlight() {
        return division.getInfo().isLeader() ? RaftSettings.MAX_ENTRIES_IN_FLIGHT
                : RaftSettings.MAX_FORWARDED_ENTRIES_IN_FLIGHT;
    }

    CompletableFuture<InternalResponse> propose(InternalRequest request) {
        return proposals.propose(request);
    }

    CompletableFuture<Void> readIndex() {
        return reads.await();
    }

    /**
     * Appends one entry: in-process on the leader, through the client elsewhere (or once leadership is lost). The
     * reply is the leader's; it is handed on once this member has applied the entry too.
     */
    private CompletableFuture<InternalBatchResponse> replicate(InternalBatch batch) {
        Message message = Message.valueOf(UnsafeByteOperations.unsafeWrap(batch.toByteArray()));
        CompletableFuture<RaftClientReply> reply = division.getInfo().isLeader()
                ? submitLocally(message, RaftClientRequest.writeRequestType()).thenCompose(answer ->
                        answer.getNotLeaderException() == null ? CompletableFuture.completedFuture(answer)
                                : forward(message))
                : forward(message);
        return withTimeout(reply.thenCompose(answer -> applied.await(RaftFailures.check(answer).getLogIndex())
                        .thenApply(done -> answer)))
                .thenApplyAsync(answer -> AppliedMessage.responseOf(answer.getMessage()), replies);
    }

    /**
     * Sends an entry to the leader through Ratis' blocking client, on a thread of its own. Not the ordered async
     * client: one call of that client that fails for good (its retries timed out under load) closes its sliding
     * window, and every later call through it fails with "is closed": the member could not forward again until it
     * restarted.
     */
    private CompletableFuture<RaftClientReply> forward(Message message) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return client.io().send(message);
            } catch (IOException e) {
                throw RaftFailures.toEtcd(e);
            }
        }, forwarding);
    }

    private CompletableFuture<Void> fetchReadIndex() {
        return withTimeout(submitLocally(Message.EMPTY, RaftClientRequest.readRequestType())).thenApply(reply -> {
            RaftFailures.check(reply);
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

    private static <T> CompletableFuture<T> withTimeout(CompletableFuture<T> future) {
        return future.orTimeout(RaftSettings.REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(error -> {
                    throw RaftFailures.toEtcd(error);
                });
    }

    @Override
    public void close() {
        replies.shutdown();
        forwarding.shutdownNow();
    }
}
