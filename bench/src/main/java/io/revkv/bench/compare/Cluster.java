package io.revkv.bench.compare;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.revkv.proto.etcdserverpb.MaintenanceGrpc;
import io.revkv.proto.etcdserverpb.StatusRequest;
import io.revkv.proto.etcdserverpb.StatusResponse;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code size} members of one server (etcd or revkv) on loopback, started together with one {@code --initial-cluster}
 * naming them all, as etcd's Procfile starts its local cluster. Members are named {@code <server>-<i>}; a cluster of
 * one is a single member named {@code <server>}, as the bench has always launched it. Closing the cluster stops every
 * member and deletes its data dir, also when the start failed halfway.
 */
public final class Cluster implements AutoCloseable {
    /** How long a cluster may go without a leader that every live member agrees on, e.g. after a kill. */
    private static final Duration LEADER_TIMEOUT = Duration.ofSeconds(30);

    private final String server;
    private final List<Server> members;
    private final Duration timeToServe;

    private Cluster(String server, List<Server> members, Duration timeToServe) {
        this.server = server;
        this.members = List.copyOf(members);
        this.timeToServe = timeToServe;
    }

    /**
     * Starts {@code size} members of {@code server} and waits until each answers a linearizable Range. A cluster of
     * one takes the same path as a larger one, so that {@link #timeToServe()} means the same for every size.
     */
    public static Cluster start(String server, Launcher launcher, Path workDir, int size) throws IOException {
        if (size < 1) {
            throw new IllegalArgumentException("a cluster has at least 1 member, not " + size);
        }
        Map<String, Server.Ports> ports = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            ports.put(size == 1 ? server : server + "-" + i, Server.Ports.free());
        }
        Map<String, String> peerUrls = new LinkedHashMap<>();
        ports.forEach((name, p) -> peerUrls.put(name, p.peerUrl()));
        List<Server> members = new ArrayList<>();
        try {
            for (Map.Entry<String, Server.Ports> member : ports.entrySet()) {
                members.add(Server.prepare(member.getKey(), launcher, workDir, member.getValue(), peerUrls));
            }
            long launched = System.nanoTime();
            // Every member must be running before any can elect a leader and answer.
            for (Server member : members) {
                member.launch();
            }
            for (Server member : members) {
                member.awaitReady();
            }
            return new Cluster(server, members, Duration.ofNanos(System.nanoTime() - launched));
        } catch (IOException | RuntimeException e) {
            new Cluster(server, members, Duration.ZERO).close();
            throw e;
        }
    }

    /**
     * From launching the first member's process to every member having answered a linearizable Range (each polled
     * every few milliseconds, see {@link Server#awaitReady()}): the time until the cluster serves on every endpoint.
     */
    public Duration timeToServe() {
        return timeToServe;
    }

    public String server() {
        return server;
    }

    public List<Server> members() {
        return members;
    }

    public int size() {
        return members.size();
    }

    /** Every member's client endpoint, in member order: a client that spreads its load round-robin uses them all. */
    public List<String> endpoints() {
        return members.stream().map(Server::endpoint).toList();
    }

    /**
     * The member that every live member names as leader (Maintenance.Status: its {@code leader} equals the answering
     * member's {@code header.member_id}), waiting while there is none, e.g. during an election.
     */
    public Server leader() {
        long deadline = System.nanoTime() + LEADER_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Server leader = agreedLeader();
            if (leader != null) {
                return leader;
            }
            sleep(Duration.ofMillis(20));
        }
        throw new IllegalStateException(server + " cluster has no leader after " + LEADER_TIMEOUT.toSeconds() + " s");
    }

    /** The leader if the live members agree on one that answers; null otherwise. */
    private Server agreedLeader() {
        Map<Long, Server> byId = new LinkedHashMap<>();
        long named = 0;
        for (Server member : members) {
            if (!member.alive()) {
                continue;
            }
            StatusResponse status = status(member);
            if (status == null || status.getLeader() == 0 || (named != 0 && named != status.getLeader())) {
                return null;
            }
            named = status.getLeader();
            byId.put(status.getHeader().getMemberId(), member);
        }
        return byId.get(named);
    }

    private static StatusResponse status(Server member) {
        ManagedChannel channel = NettyChannelBuilder.forTarget(member.endpoint()).usePlaintext().build();
        try {
            return MaintenanceGrpc.newBlockingStub(channel).withDeadlineAfter(1, TimeUnit.SECONDS)
                    .status(StatusRequest.getDefaultInstance());
        } catch (StatusRuntimeException notAnswering) {
            return null;
        } finally {
            channel.shutdownNow();
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops every member, killed or not, and deletes the data dirs; logs stay. */
    @Override
    public void close() {
        RuntimeException first = null;
        for (Server member : members) {
            try {
                member.close();
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
