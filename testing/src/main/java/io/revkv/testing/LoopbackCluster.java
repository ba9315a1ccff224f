package io.revkv.testing;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.revkv.proto.etcdserverpb.ClusterGrpc;
import io.revkv.proto.etcdserverpb.MaintenanceGrpc;
import io.revkv.proto.etcdserverpb.MemberAddRequest;
import io.revkv.proto.etcdserverpb.StatusRequest;
import io.revkv.proto.etcdserverpb.StatusResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * Several members of one etcd-compatible cluster, each a {@link ServerProcess} (all revkv or all etcd 3.4) on
 * loopback, bootstrapped together with etcd's {@code --initial-cluster}.
 *
 * <pre>{@code
 * try (LoopbackCluster cluster = LoopbackCluster.revkv(3, baseDir).start()) {
 *     ServerProcess leader = cluster.awaitLeader(Duration.ofSeconds(30));
 *     leader.kill();                                   // or pause() / stop(); resume() / restart() after
 *     ServerProcess next = cluster.awaitLeader(Duration.ofSeconds(30));
 *     ServerProcess joiner = cluster.join("m4", false); // MemberAdd, then start with --initial-cluster-state existing
 * }
 * }</pre>
 *
 * Members are named {@code m1..mN}. Individual members are driven through {@link ServerProcess} itself (kill,
 * stop, pause, resume, restart); {@link #restart(ServerProcess...)} also starts members that were killed. The leader
 * is whatever {@code Maintenance.Status} reports. Not thread-safe: one test thread drives it.
 */
public final class LoopbackCluster implements AutoCloseable {

    // Generous: five JVMs starting at once on a busy 2-core machine took ~50 s before one was ready.
    private static final Duration READY = Duration.ofSeconds(120);
    private static final Duration STATUS_DEADLINE = Duration.ofSeconds(2);

    private final BiFunction<String, Path, ServerProcess> factory;
    private final Path baseDir;
    private final List<ServerProcess> members = new ArrayList<>();
    private final List<ServerProcess> everStarted = new ArrayList<>();
    private final String[] flags;

    private LoopbackCluster(int size, Path baseDir, BiFunction<String, Path, ServerProcess> factory, String[] flags) {
        if (size < 1) {
            throw new IllegalArgumentException("a cluster needs a member, got " + size);
        }
        this.factory = factory;
        this.baseDir = baseDir;
        this.flags = flags.clone();
        for (int i = 1; i <= size; i++) {
            members.add(create("m" + i));
        }
        String initialCluster = initialCluster(members);
        members.forEach(m -> m.useInitialCluster(initialCluster));
    }

    /** {@code size} revkv members from the packaged jar ({@link RevkvProcess}), each with {@code flags}. */
    public static LoopbackCluster revkv(int size, Path baseDir, String... flags) {
        return new LoopbackCluster(size, baseDir, (name, dir) -> new RevkvProcess(name, dir), flags);
    }

    /** {@code size} etcd 3.4 members ({@link EtcdProcess}), each with {@code flags}. */
    public static LoopbackCluster etcd(int size, Path baseDir, String... flags) {
        return new LoopbackCluster(size, baseDir, (name, dir) -> new EtcdProcess(name, dir), flags);
    }

    /**
     * Launches every member, then waits until each serves a linearizable read. All must be launched before any can
     * be ready: a member answers only once a quorum elected a leader.
     */
    public LoopbackCluster start() {
        members.forEach(this::launch);
        members.forEach(m -> m.awaitReady(READY));
        return this;
    }

    /** The current members, in the order they were created (m1 first). */
    public List<ServerProcess> members() {
        return List.copyOf(members);
    }

    /** Member {@code i}, counted from 0. */
    public ServerProcess member(int i) {
        return members.get(i);
    }

    public int size() {
        return members.size();
    }

    /** {@code endpoint()} of every member, as a client's endpoint list. */
    public List<String> endpoints() {
        return members.stream().map(ServerProcess::endpoint).toList();
    }

    /** Members running and not paused. */
    public List<ServerProcess> running() {
        return members.stream().filter(m -> m.isAlive() && !m.isPaused()).toList();
    }

    /**
     * Waits until one member reports itself leader and a majority of the members (itself included) report the same
     * leader; returns it. Killed and paused members are not asked.
     */
    public ServerProcess awaitLeader(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<ServerProcess, String> last = Map.of();
        do {
            Map<ServerProcess, StatusResponse> statuses = statuses();
            Optional<ServerProcess> leader = agreedLeader(statuses);
            if (leader.isPresent()) {
                return leader.get();
            }
            last = statuses.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                    e -> "leader " + Long.toHexString(e.getValue().getLeader()) + " term "
                            + e.getValue().getRaftTerm()));
            sleep(100);
        } while (System.nanoTime() < deadline);
        throw new IllegalStateException("no leader agreed by a majority of " + size() + " within " + timeout
                + "; last statuses " + last);
    }

    /** The members other than {@code member}. */
    public List<ServerProcess> others(ServerProcess member) {
        return members.stream().filter(m -> m != member).toList();
    }

    /** The member's ID as it reports it (the header of its Status). */
    public long memberId(ServerProcess member) {
        return status(member).getHeader().getMemberId();
    }

    /** {@code Maintenance.Status} of one member, with a short deadline. */
    public static StatusResponse status(ServerProcess member) {
        return MaintenanceGrpc.newBlockingStub(member.channel())
                .withDeadlineAfter(STATUS_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                .status(StatusRequest.getDefaultInstance());
    }

    /**
     * Starts members again on their data dirs after a kill or stop (stopping any still running first), all before
     * waiting for any: two restarted members of five may need each other for a quorum. Returns once each serves.
     */
    public void restart(ServerProcess... restarted) {
        for (ServerProcess member : restarted) {
            if (member.isAlive()) {
                member.stop();
            }
            launch(member);
        }
        for (ServerProcess member : restarted) {
            member.awaitReady(READY);
        }
    }

    /**
     * A new member, not started: its {@code --initial-cluster} lists the current members and itself, with
     * {@code --initial-cluster-state existing}, as etcd's {@code member add} prints it. The cluster must learn of it
     * (MemberAdd) before it starts; {@link #join} does both. It counts as a member from now on.
     */
    public ServerProcess prepareJoiner(String name) {
        ServerProcess joiner = create(name);
        List<ServerProcess> after = new ArrayList<>(members);
        after.add(joiner);
        joiner.useInitialCluster(initialCluster(after));
        List<String> joinerFlags = new ArrayList<>(List.of(flags));
        joinerFlags.addAll(List.of("--initial-cluster-state", "existing"));
        joiner.useExtraFlags(joinerFlags.toArray(String[]::new));
        members.add(joiner);
        return joiner;
    }

    /**
     * Adds a member through {@code Cluster.MemberAdd} on the leader (a voter, or a learner), then starts it and
     * waits for it: a voter until it serves a linearizable read; a learner, which refuses those, until it
     * answers Status. MemberAdd is retried while the cluster answers UNAVAILABLE: etcd refuses a change with
     * "etcdserver: unhealthy cluster" until every voter has been connected for 5 s, e.g. right after a join.
     */
    public ServerProcess join(String name, boolean learner) {
        ServerProcess joiner = prepareJoiner(name);
        memberAdd(MemberAddRequest.newBuilder().addPeerURLs(joiner.peerUrl()).setIsLearner(learner).build());
        launch(joiner);
        return learner ? awaitStatus(joiner) : joiner.awaitReady(READY);
    }

    private void memberAdd(MemberAddRequest request) {
        long deadline = System.nanoTime() + READY.toNanos();
        while (true) {
            try {
                ClusterGrpc.newBlockingStub(awaitLeader(READY).channel()).withDeadlineAfter(10, TimeUnit.SECONDS)
                        .memberAdd(request);
                return;
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() != Status.Code.UNAVAILABLE || System.nanoTime() > deadline) {
                    throw e;
                }
            }
            sleep(500);
        }
    }

    /**
     * Forgets a member the test removed from the cluster (MemberRemove): it no longer counts for the majority,
     * {@link #members()} or the next joiner's {@code --initial-cluster}. Its process is left as it is; it is still
     * stopped at {@link #close()}.
     */
    public void forget(ServerProcess member) {
        members.remove(member);
    }

    /** Stops every member ever started (paused ones included) and deletes their data dirs; logs stay. */
    @Override
    public void close() {
        RuntimeException first = null;
        for (int i = everStarted.size() - 1; i >= 0; i--) {
            try {
                everStarted.get(i).close();
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public String toString() {
        return members.stream().map(m -> m + (m.isPaused() ? " (paused)" : m.isAlive() ? "" : " (down)"))
                .collect(Collectors.joining(", ", "cluster[", "]"));
    }

    private ServerProcess create(String name) {
        ServerProcess member = factory.apply(name, baseDir);
        member.useExtraFlags(flags);
        return member;
    }

    private void launch(ServerProcess member) {
        if (!everStarted.contains(member)) {
            everStarted.add(member);
        }
        member.start();
    }

    private Map<ServerProcess, StatusResponse> statuses() {
        Map<ServerProcess, StatusResponse> statuses = new HashMap<>();
        for (ServerProcess member : running()) {
            try {
                statuses.put(member, status(member));
            } catch (StatusRuntimeException e) {
                // Not answering (yet): it counts for nobody.
            }
        }
        return statuses;
    }

    private Optional<ServerProcess> agreedLeader(Map<ServerProcess, StatusResponse> statuses) {
        for (Map.Entry<ServerProcess, StatusResponse> e : statuses.entrySet()) {
            long self = e.getValue().getHeader().getMemberId();
            if (e.getValue().getLeader() != self || self == 0) {
                continue;
            }
            long agreeing = statuses.values().stream().filter(s -> s.getLeader() == self).count();
            if (agreeing > size() / 2) {
                return Optional.of(e.getKey());
            }
        }
        return Optional.empty();
    }

    private ServerProcess awaitStatus(ServerProcess member) {
        long deadline = System.nanoTime() + READY.toNanos();
        while (true) {
            member.channel().resetConnectBackoff();
            try {
                status(member);
                return member;
            } catch (StatusRuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(member + " does not answer Status: " + e + "\n"
                            + member.logTail(40));
                }
            }
            sleep(100);
        }
    }

    private static String initialCluster(List<ServerProcess> members) {
        return members.stream().map(m -> m.name() + "=" + m.peerUrl()).collect(Collectors.joining(","));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
