package io.revkv.store.raft;

import io.revkv.proto.revkvpb.InternalBatch;
import io.revkv.proto.revkvpb.InternalBatchResponse;
import io.revkv.proto.revkvpb.InternalRequest;
import io.revkv.proto.revkvpb.InternalResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.client.RaftClientRpc;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientAsynchronousProtocol;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;

/**
 * The write and read-index path of one member: requests proposed while earlier ones are replicated share a log entry
 * ({@link ProposalBatcher}), which goes to the leader as one call however often it must be sent
 * ({@link LeaderSubmission}); linearizable reads share read indexes ({@link ReadBarrier}). Every failure reaches the
 * caller as etcd's error ({@link RaftFailures}).
 */
final class Proposer implements AutoCloseable {

    private final RaftServer.Division division;
    private final LeaderSubmission submission;
    private final AppliedIndex applied;
    private final ProposalBatcher proposals = new ProposalBatcher(this::replicate, this::maxEntriesInFlight,
            RaftSettings.MAX_ENTRY_BYTES);
    private final ReadBarrier reads;
    /**
     * Where replies are handed to the proposers, and the next entry is appended: the reply to an in-process
     * proposal completes on Ratis' apply thread, which must go on applying rather than answer clients.
     */
    private final ExecutorService replies = Executors.newFixedThreadPool(2, task -> {
        Thread thread = new Thread(task, "revkv-raft-reply");
        thread.setDaemon(true);
        return thread;
    });
    /** One thread per entry a follower may have in flight, waiting for the leader's answer. */
    private final ExecutorService forwarding = Executors.newFixedThreadPool(
            RaftSettings.MAX_FORWARDED_ENTRIES_IN_FLIGHT, task -> {
                Thread thread = new Thread(task, "revkv-raft-forward");
                thread.setDaemon(true);
                return thread;
            });

    Proposer(RaftServer server, RaftServer.Division division, RaftClientRpc rpc, AppliedIndex applied) {
        this.division = division;
        this.applied = applied;
        // Where this member submits its own proposals and read indexes: the group's division itself when it takes
        // them. The server would first hand each to its client executor, to keep its gRPC threads free; here that is
        // one more thread hand-off on every write's path for nothing, since submitting only queues the entry.
        RaftClientAsynchronousProtocol local = division instanceof RaftClientAsynchronousProtocol direct ? direct : server;
        this.submission = new LeaderSubmission(division, local, rpc, forwarding);
        this.reads = new ReadBarrier(this::fetchReadIndex, replies);
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

    /** Appends one entry; the leader's reply is handed on once this member has applied the entry too. */
    private CompletableFuture<InternalBatchResponse> replicate(InternalBatch batch) {
        Message message = Message.valueOf(UnsafeByteOperations.unsafeWrap(batch.toByteArray()));
        CompletableFuture<RaftClientReply> reply = submission.submit(message, RaftClientRequest.writeRequestType());
        return withTimeout(reply.thenCompose(answer -> applied.await(RaftFailures.check(answer).getLogIndex())
                        .thenApply(done -> answer)))
                .thenApplyAsync(answer -> AppliedMessage.responseOf(answer.getMessage()), replies);
    }

    private CompletableFuture<Void> fetchReadIndex() {
        return withTimeout(submission.submitHere(Message.EMPTY, RaftClientRequest.readRequestType())).thenApply(reply -> {
            RaftFailures.check(reply);
            return null;
        });
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
