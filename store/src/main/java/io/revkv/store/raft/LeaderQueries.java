package io.revkv.store.raft;

import com.google.protobuf.InvalidProtocolBufferException;
import io.revkv.proto.revkvpb.ApplyError;
import io.revkv.proto.revkvpb.InternalQuery;
import io.revkv.proto.revkvpb.InternalQueryResponse;
import io.revkv.store.errors.EtcdError;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;

/**
 * Questions only the leader can answer (is a learner in sync, would a change keep a quorum, how long has a lease
 * left), asked over the Raft transport as non-linearizable reads, which Ratis serves on the leader alone (etcd forwards
 * the same requests over its peer port). A member that leads answers itself. The membership any member answers: a
 * joining member asks whoever it can reach.
 *
 * <p>Errors travel in the answer by their {@link EtcdError} name, as they do in the replies to proposals.
 */
final class LeaderQueries implements AutoCloseable {

    private final RaftServer.Division division;
    private final RaftClient client;
    private final Map<InternalQuery.QueryCase, Function<InternalQuery, InternalQueryResponse>> handlers =
            new ConcurrentHashMap<>();
    /** Where the leader answers its own questions, off the caller's thread (a gRPC event loop). */
    private final ExecutorService executor = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "revkv-raft-query");
        thread.setDaemon(true);
        return thread;
    });

    LeaderQueries(RaftServer.Division division, RaftClient client) {
        this.division = division;
        this.client = client;
    }

    void answerWith(InternalQuery.QueryCase kind, Function<InternalQuery, InternalQueryResponse> handler) {
        handlers.put(kind, handler);
    }

    /** @return fails with the leader's etcd error, or with etcd's error for a failure of Raft */
    CompletableFuture<InternalQueryResponse> ask(InternalQuery query) {
        CompletableFuture<InternalQueryResponse> answer = division.getInfo().isLeader()
                ? CompletableFuture.supplyAsync(() -> answer(query), executor)
                : CompletableFuture.supplyAsync(() -> sendToLeader(query), executor)
                        .orTimeout(RaftSettings.REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                        .exceptionally(error -> {
                            throw RaftFailures.toEtcd(error);
                        });
        return answer.thenApply(response -> {
            if (response.hasError()) {
                throw EtcdError.byName(response.getError().getKind()).map(EtcdError::exception)
                        .orElseThrow(() -> new IllegalStateException(response.getError().getMessage()));
            }
            return response;
        });
    }

    /**
     * Through Ratis' blocking client: a failure of its ordered async client would close it for every later call (see
     * {@link Proposer}).
     */
    private InternalQueryResponse sendToLeader(InternalQuery query) {
        try {
            return parse(RaftFailures.check(client.io().sendReadOnlyNonLinearizable(
                    Message.valueOf(UnsafeByteOperations.unsafeWrap(query.toByteArray())))).getMessage());
        } catch (IOException e) {
            throw RaftFailures.toEtcd(e);
        }
    }

    /** Answers a question, on the member it reached; only the leader answers anything but the membership. */
    InternalQueryResponse answer(InternalQuery query) {
        try {
            if (query.getQueryCase() != InternalQuery.QueryCase.MEMBERS && !division.getInfo().isLeader()) {
                throw EtcdError.LEADER_CHANGED.exception();
            }
            Function<InternalQuery, InternalQueryResponse> handler = handlers.get(query.getQueryCase());
            if (handler == null) {
                throw new IllegalStateException("this member cannot answer " + query.getQueryCase() + " yet");
            }
            return handler.apply(query);
        } catch (RuntimeException e) {
            return InternalQueryResponse.newBuilder().setError(ApplyError.newBuilder()
                    .setKind(EtcdError.of(e).map(Enum::name).orElse(""))
                    .setMessage(String.valueOf(e.getMessage()))).build();
        }
    }

    private static InternalQueryResponse parse(Message message) {
        try {
            return InternalQueryResponse.parseFrom(message.getContent().asReadOnlyByteBuffer());
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("unreadable answer from the leader", e);
        }
    }

    @Override
    public void close() {
        executor.shutdown();
    }
}
