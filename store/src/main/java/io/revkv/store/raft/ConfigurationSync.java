package io.revkv.store.raft;

import io.revkv.store.membership.MemberStore;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.SetConfigurationRequest;
import org.apache.ratis.protocol.TransferLeadershipRequest;
import org.apache.ratis.server.RaftConfiguration;
import org.apache.ratis.server.RaftServer;
import org.jboss.logging.Logger;

/**
 * On the leader, brings Ratis' configuration in line with the replicated membership, one {@link ConfigurationPlan}
 * step at a time: after every applied membership change, when leadership is gained, and every
 * {@link #INTERVAL_MS} ms while a step keeps failing (a new member that has not started yet). Membership changes
 * answer their clients as soon as they are applied, as etcd's do; nothing here holds them up.
 */
final class ConfigurationSync implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ConfigurationSync.class);
    static final long INTERVAL_MS = 500;
    /** How long Ratis may take to bring a new peer up to date before the step fails and is tried again. */
    private static final long STEP_TIMEOUT_MS = 30_000;

    private final RaftServer server;
    private final RaftServer.Division division;
    private final MemberStore members;
    private final long localId;
    private final ClientId clientId = ClientId.randomId();
    private final AtomicLong callIds = new AtomicLong();
    private final AtomicBoolean inFlight = new AtomicBoolean();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "revkv-raft-conf");
        thread.setDaemon(true);
        return thread;
    });

    ConfigurationSync(RaftServer server, RaftServer.Division division, MemberStore members, long localId) {
        this.server = server;
        this.division = division;
        this.members = members;
        this.localId = localId;
        members.onChange(this::trigger);
        executor.scheduleWithFixedDelay(this::step, INTERVAL_MS, INTERVAL_MS, TimeUnit.MILLISECONDS);
    }

    void trigger() {
        executor.execute(this::step);
    }

    private void step() {
        if (!division.getInfo().isLeader() || members.isEmpty() || inFlight.get()) {
            return;
        }
        RaftConfiguration conf = division.getRaftConf();
        if (!conf.getPreviousPeers().isEmpty()) {
            return;
        }
        ConfigurationPlan plan = new ConfigurationPlan(byId(conf, RaftPeerRole.FOLLOWER),
                byId(conf, RaftPeerRole.LISTENER));
        plan.next(members.all(), localId).ifPresent(step -> {
            inFlight.set(true);
            perform(step).whenComplete((reply, error) -> {
                inFlight.set(false);
                if (error != null || !reply.isSuccess()) {
                    LOG.infof("raft configuration step %s not taken yet: %s", step,
                            error != null ? error.getMessage() : reply.getException());
                } else {
                    LOG.infof("raft configuration step done: %s", step);
                    trigger();
                }
            });
        });
    }

    private CompletableFuture<org.apache.ratis.protocol.RaftClientReply> perform(ConfigurationPlan.Step step) {
        try {
            if (step instanceof ConfigurationPlan.Reconfigure r) {
                return server.setConfigurationAsync(new SetConfigurationRequest(clientId, division.getId(),
                        division.getGroup().getGroupId(), callIds.incrementAndGet(),
                        SetConfigurationRequest.Arguments.newBuilder()
                                .setServersInNewConf(PeerIds.peers(r.voters()))
                                .setListenersInNewConf(PeerIds.peers(r.listeners()))
                                .setMode(SetConfigurationRequest.Mode.SET_UNCONDITIONALLY)
                                .build()));
            }
            ConfigurationPlan.TransferLeadership t = (ConfigurationPlan.TransferLeadership) step;
            return server.transferLeadershipAsync(new TransferLeadershipRequest(clientId, division.getId(),
                    division.getGroup().getGroupId(), callIds.incrementAndGet(), PeerIds.peerId(t.memberId()),
                    STEP_TIMEOUT_MS));
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * The configuration's peers of {@code role}, with their addresses. Ratis lists the voters as FOLLOWER (the
     * leader among them).
     */
    private static Map<Long, String> byId(RaftConfiguration conf, RaftPeerRole role) {
        Map<Long, String> peers = new LinkedHashMap<>();
        for (RaftPeer peer : conf.getCurrentPeers(role)) {
            peers.put(PeerIds.memberId(peer.getId()), peer.getAddress());
        }
        return peers;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
