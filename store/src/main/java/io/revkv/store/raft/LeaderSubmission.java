package io.revkv.store.raft;

import io.revkv.store.errors.EtcdError;
import java.io.IOException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.ratis.client.RaftClientRpc;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientAsynchronousProtocol;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.exceptions.NotLeaderException;
import org.apache.ratis.rpc.CallId;
import org.apache.ratis.server.RaftServer;

/**
 * Submits each write to whichever member leads, as one Ratis call (this member's client id and one call id) for all
 * its attempts. A leader that stops leading with the entry in its log answers "not leader", yet the next leader may
 * commit that entry; sent again as the same call, the next leader answers it from its retry cache (every member fills
 * it as it applies) instead of appending it a second time. A new call there applied the write twice: a put
 * acknowledged in between was overwritten by the older value.
 */
final class LeaderSubmission {

    /** How long to wait before asking again while no member leads or the leader is not ready. */
    private static final Duration RETRY_INTERVAL = Duration.ofMillis(50);

    private final RaftServer.Division division;
    private final RaftClientAsynchronousProtocol local;
    private final RaftClientRpc rpc;
    /** Identifies this member's calls; the leader's retry cache is keyed by it and the call id. */
    private final ClientId clientId = ClientId.randomId();
    /** Where calls that go over the network wait for the leader, one thread each. */
    private final ExecutorService forwarding;

    LeaderSubmission(RaftServer.Division division, RaftClientAsynchronousProtocol local, RaftClientRpc rpc,
            ExecutorService forwarding) {
        this.division = division;
        this.local = local;
        this.rpc = rpc;
        this.forwarding = forwarding;
    }

    /**
     * Appends one entry: in-process when this member leads, else at the leader; answers the leader's reply, or fails
     * with etcd's timeout once {@link RaftSettings#REQUEST_TIMEOUT} passed without one.
     */
    CompletableFuture<RaftClientReply> submit(Message message, RaftClientRequest.Type type) {
        long callId = CallId.getAndIncrement();
        long deadline = System.nanoTime() + RaftSettings.REQUEST_TIMEOUT.toNanos();
        if (division.getInfo().isLeader()) {
            return submitLocally(request(message, type, callId, division.getId())).thenCompose(reply ->
                    Redirect.of(reply) ? atLeader(message, type, callId, deadline)
                            : CompletableFuture.completedFuture(reply));
        }
        return atLeader(message, type, callId, deadline);
    }

    /**
     * Submits to this member's own Ratis server, leader or not (a read index is asked of the member serving it). A
     * follower's server asks the leader in turn; when that connection fails (the leader was killed), it asks again
     * every {@link #RETRY_INTERVAL} until {@link RaftSettings#REQUEST_TIMEOUT} passed, by when an election has
     * usually given it another leader; then the failure is the answer.
     */
    CompletableFuture<RaftClientReply> submitHere(Message message, RaftClientRequest.Type type) {
        return submitHere(message, type, System.nanoTime() + RaftSettings.REQUEST_TIMEOUT.toNanos());
    }

    private CompletableFuture<RaftClientReply> submitHere(Message message, RaftClientRequest.Type type,
            long deadline) {
        return submitLocally(request(message, type, CallId.getAndIncrement(), division.getId()))
                .handle((reply, failure) -> {
                    if (failure == null) {
                        return CompletableFuture.completedFuture(reply);
                    }
                    if (!Redirect.unreachable(failure) || System.nanoTime() + RETRY_INTERVAL.toNanos() > deadline) {
                        return CompletableFuture.<RaftClientReply>failedFuture(failure);
                    }
                    Executor later = CompletableFuture.delayedExecutor(RETRY_INTERVAL.toMillis(),
                            TimeUnit.MILLISECONDS, forwarding);
                    return CompletableFuture.supplyAsync(() -> null, later)
                            .thenCompose(ignored -> submitHere(message, type, deadline));
                })
                .thenCompose(Function.identity());
    }

    /**
     * Sends the same call to the leader of the moment, again until one answers or the deadline passes. A member that
     * knows no leader asks the voters in turn, going where one that does not lead points: a member that joins
     * hears from no leader until the leader adds it to the configuration, which it does only once the member has
     * published itself through the log (ConfigurationSync), a write of this member's own.
     */
    private CompletableFuture<RaftClientReply> atLeader(Message message, RaftClientRequest.Type type, long callId,
            long deadline) {
        return CompletableFuture.supplyAsync(() -> {
            RaftPeerId suggested = null;
            int asked = 0;
            while (true) {
                RaftPeerId leader = division.getInfo().getLeaderId();
                RaftPeerId to = leader != null ? leader : suggested != null ? suggested : voter(asked++);
                suggested = null;
                if (to != null) {
                    RaftClientReply reply = attempt(request(message, type, callId, to), deadline);
                    if (reply != null && !Redirect.of(reply)) {
                        return reply;
                    }
                    suggested = suggestedLeader(reply, to);
                }
                if (System.nanoTime() + RETRY_INTERVAL.toNanos() > deadline) {
                    throw EtcdError.TIMEOUT.exception();
                }
                sleep(RETRY_INTERVAL);
            }
        }, forwarding);
    }

    /** The {@code n}th voter (round robin) other than this member; null if there is none. */
    private RaftPeerId voter(int n) {
        List<RaftPeerId> voters = division.getRaftConf().getCurrentPeers().stream().map(RaftPeer::getId)
                .filter(id -> !id.equals(division.getId())).sorted(Comparator.comparing(RaftPeerId::toString))
                .toList();
        return voters.isEmpty() ? null : voters.get(n % voters.size());
    }

    /** Where a member that does not lead says the leader is, if it knows and it is not where the call just went. */
    private static RaftPeerId suggestedLeader(RaftClientReply reply, RaftPeerId asked) {
        NotLeaderException notLeader = reply == null ? null : reply.getNotLeaderException();
        RaftPeer leader = notLeader == null ? null : notLeader.getSuggestedLeader();
        return leader == null || leader.getId().equals(asked) ? null : leader.getId();
    }

    /** One attempt; null when it failed in a way a later attempt of the same call may not. */
    private RaftClientReply attempt(RaftClientRequest request, long deadline) {
        if (request.getServerId().equals(division.getId())) {
            try {
                return submitLocally(request).get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                return null;
            } catch (ExecutionException e) {
                if (Redirect.of(e.getCause())) {
                    return null;
                }
                throw RaftFailures.toEtcd(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw RaftFailures.toEtcd(e);
            }
        }
        rpc.addRaftPeers(division.getGroup().getPeers());
        try {
            return rpc.sendRequest(request);
        } catch (IOException e) {
            rpc.handleException(request.getServerId(), e, false);
            if (Redirect.of(e)) {
                return null;
            }
            throw RaftFailures.toEtcd(e);
        }
    }

    private CompletableFuture<RaftClientReply> submitLocally(RaftClientRequest request) {
        try {
            return local.submitClientRequestAsync(request);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private RaftClientRequest request(Message message, RaftClientRequest.Type type, long callId, RaftPeerId to) {
        return RaftClientRequest.newBuilder()
                .setClientId(clientId)
                .setServerId(to)
                .setGroupId(division.getMemberId().getGroupId())
                .setCallId(callId)
                .setMessage(message)
                .setType(type)
                .build();
    }

    private static void sleep(Duration interval) {
        try {
            Thread.sleep(interval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw EtcdError.TIMEOUT.exception();
        }
    }
}
