package io.revkv.store.cluster;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.revkv.proto.etcdserverpb.MaintenanceGrpc;
import io.revkv.proto.etcdserverpb.MoveLeaderRequest;
import io.revkv.proto.etcdserverpb.StatusRequest;
import io.revkv.proto.etcdserverpb.StatusResponse;
import io.revkv.testing.ServerProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * From its own thread, moves leadership again and again: every 200 to 1000 ms it asks the members which of them
 * leads and sends that one MoveLeader to another member picked at random (a learner too, which etcd refuses as a
 * bad transferee). The members are what the test last told it ({@link #use}); a member being added or removed
 * meanwhile makes MoveLeader fail in the ways etcd answers races, counted by {@link RacingErrors}. It stops at the
 * first other error. It uses its own connections: the test's are not shared across threads.
 */
final class LeaderMover implements AutoCloseable {

    private static final long DEADLINE_MS = 10_000;
    private static final long STATUS_DEADLINE_MS = 1_000;

    private final Random random;
    private final RacingErrors errors;
    private final Consumer<String> note;
    private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();
    private final AtomicInteger moved = new AtomicInteger();
    private final Thread thread;
    /** Member ID to member; only their name and endpoint are read here (fixed at creation: safe across threads). */
    private volatile Map<Long, ServerProcess> membersById = Map.of();
    private volatile boolean stopping;

    /** Starts moving with choices from {@code seed}; {@code note} puts each move or its error on the timeline. */
    LeaderMover(long seed, RacingErrors errors, Consumer<String> note) {
        this.random = new Random(seed);
        this.errors = errors;
        this.note = note;
        this.thread = new Thread(this::run, "leader-mover");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** The members from now on, by member ID. */
    void use(Map<Long, ServerProcess> members) {
        this.membersById = new TreeMap<>(members);
    }

    /** Moves that succeeded so far. */
    int moved() {
        return moved.get();
    }

    private void run() {
        try {
            while (!stopping) {
                Thread.sleep(200 + random.nextInt(800));
                if (!moveOnce(membersById)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One move, if some member leads; false after an error that is no race's answer. */
    private boolean moveOnce(Map<Long, ServerProcess> members) {
        Optional<Long> leader = leader(members);
        if (leader.isEmpty()) {
            return true;
        }
        List<Long> others = new ArrayList<>(members.keySet());
        others.remove(leader.get());
        if (others.isEmpty()) {
            return true;
        }
        long target = others.get(random.nextInt(others.size()));
        try {
            MaintenanceGrpc.newBlockingStub(channel(members.get(leader.get()).endpoint()))
                    .withDeadlineAfter(DEADLINE_MS, TimeUnit.MILLISECONDS)
                    .moveLeader(MoveLeaderRequest.newBuilder().setTargetID(target).build());
            moved.incrementAndGet();
            note.accept("moved leadership from " + members.get(leader.get()).name() + " to "
                    + members.get(target).name());
            return true;
        } catch (StatusRuntimeException e) {
            note.accept("MoveLeader from " + members.get(leader.get()).name() + " to " + members.get(target).name()
                    + ": " + e.getStatus().getCode() + " " + e.getStatus().getDescription());
            return errors.accept("MoveLeader", e);
        }
    }

    /** The member that reports itself the leader, asked of each member; empty while none does. */
    private Optional<Long> leader(Map<Long, ServerProcess> members) {
        for (Map.Entry<Long, ServerProcess> member : members.entrySet()) {
            try {
                StatusResponse status = MaintenanceGrpc.newBlockingStub(channel(member.getValue().endpoint()))
                        .withDeadlineAfter(STATUS_DEADLINE_MS, TimeUnit.MILLISECONDS)
                        .status(StatusRequest.getDefaultInstance());
                if (status.getLeader() == member.getKey()) {
                    return Optional.of(member.getKey());
                }
            } catch (StatusRuntimeException e) {
                // A member stopping or not started yet leads nobody.
            }
        }
        return Optional.empty();
    }

    private ManagedChannel channel(String endpoint) {
        return channels.computeIfAbsent(endpoint, e -> {
            int colon = e.lastIndexOf(':');
            return Grpc.newChannelBuilderForAddress(e.substring(0, colon), Integer.parseInt(e.substring(colon + 1)),
                    InsecureChannelCredentials.create()).build();
        });
    }

    /** Stops moving and waits for the move in flight. */
    @Override
    public void close() {
        stopping = true;
        try {
            thread.join(DEADLINE_MS + 5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            channels.values().forEach(ManagedChannel::shutdownNow);
        }
    }
}
