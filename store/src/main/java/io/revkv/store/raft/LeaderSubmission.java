package io.revkv.store.raft;

import io.revkv.store.errors.EtcdError;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
     * Sends the same call to the leader of the moment, again until one answers or the deadline passes. A member that
     * knows no leader yet (a learner that just started, a member during an election) asks the members of its
     * configuration in turn; a member asked that names the leader is followed.
     */
    private CompletableFuture<RaftClientReply> atLeader(Message message, RaftClientRequest.Type type, long callId,
            long deadline) {
        return CompletableFuture.supplyAsync(() -> {
            RaftPeerId suggested = null;
            for (int attempt = 0; ; attempt++) {
                RaftPeerId leader = division.getInfo().getLeaderId();
                RaftPeerId target = suggested != null ? suggested : leader != null ? leader : anyOtherMember(attempt);
                if (target != null) {
                    Answer answer = attempt(request(message, type, callId, target), deadline);
                    if (answer.reply() != null) {
                        return answer.reply();
                    }
                    suggested = answer.suggestedLeader();
                }
                if (System.nanoTime() + RETRY_INTERVAL.toNanos() > deadline) {
                    throw EtcdError.TIMEOUT.exception();
                }
                if (suggested == null) {
                    sleep(RETRY_INTERVAL);
                }
            }
        }, forwarding);
    }

    /** The reply of an attempt, or none and perhaps the leader the member asked named. */
    private record Answer(RaftClientReply reply, RaftPeerId suggestedLeader) {

        static Answer redirected(Throwable failure) {
            return new Answer(null, failure instanceof NotLeaderException notLeader
                    && notLeader.getSuggestedLeader() != null ? notLeader.getSuggestedLeader().getId() : null);
        }
    }

    private RaftPeerId anyOtherMember(int attempt) {
        List<RaftPeerId> others = division.getGroup().getPeers().stream().map(RaftPeer::getId)
                .filter(id -> !id.equals(division.getId())).toList();
        return others.isEmpty() ? null : others.get(attempt % others.size());
    }

    private Answer attempt(RaftClientRequest request, long deadline) {
        if (request.getServerId().equals(division.getId())) {
            try {
                return answer(submitLocally(request).get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                return new Answer(null, null);
            } catch (ExecutionException e) {
                if (Redirect.of(e.getCause())) {
                    return Answer.redirected(e.getCause());
                }
                throw RaftFailures.toEtcd(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw RaftFailures.toEtcd(e);
            }
        }
        rpc.addRaftPeers(division.getGroup().getPeers());
        try {
            return answer(rpc.sendRequest(request));
        } catch (IOException e) {
            rpc.handleException(request.getServerId(), e, false);
            if (Redirect.of(e)) {
                return Answer.redirected(e);
            }
            throw RaftFailures.toEtcd(e);
        }
    }

    private Answer answer(RaftClientReply reply) {
        if (!Redirect.of(reply)) {
            return new Answer(reply, null);
        }
        if (reply.getNotLeaderException() != null) {
            rpc.addRaftPeers(reply.getNotLeaderException().getPeers());
        }
        return Answer.redirected(reply.getException());
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
