package io.revkv.store.corrupt;

import io.revkv.proto.etcdserverpb.AlarmRequest;
import io.revkv.proto.etcdserverpb.AlarmType;
import io.revkv.proto.revkvpb.InternalRequest;
import io.revkv.store.mvcc.KvStore;
import io.revkv.store.raft.RaftMember;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The periodic check (etcd's {@code monitorKVHash}): every interval, after the previous pass ended, the leader
 * compares HashKV with its followers ({@link PeriodicCheck}) and on a mismatch proposes the CORRUPT alarm through Raft,
 * which every member then applies: reads and writes fail with "etcdserver: corrupt cluster" until it is disarmed.
 * A follower skips the pass. A pass that fails (no read index, no hash) is logged and the next one runs as planned.
 */
public final class CorruptionMonitor implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(CorruptionMonitor.class);

    private final RaftMember raft;
    private final KvStore store;
    private final PeerHashSource peers;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "revkv-corrupt-check");
        thread.setDaemon(true);
        return thread;
    });

    private CorruptionMonitor(RaftMember raft, KvStore store, PeerHashSource peers) {
        this.raft = raft;
        this.store = store;
        this.peers = peers;
    }

    /** A monitor that never checks (the interval is zero); no thread is started for it. */
    static CorruptionMonitor off() {
        return new CorruptionMonitor(null, null, null);
    }

    static CorruptionMonitor start(Duration interval, RaftMember raft, KvStore store, PeerHashSource peers) {
        CorruptionMonitor monitor = new CorruptionMonitor(raft, store, peers);
        long nanos = interval.toNanos();
        monitor.executor.scheduleWithFixedDelay(monitor::pass, nanos, nanos, TimeUnit.NANOSECONDS);
        return monitor;
    }

    private void pass() {
        if (!raft.leadership().isLeader()) {
            return;
        }
        try {
            check();
        } catch (Exception e) {
            LOG.warnf("failed to check hash KV {error=%s}", e);
        }
    }

    private void check() throws Exception {
        KvHash before = KvHash.of(store.hashKv(0));
        List<PeerHash> answers = peers.at(before.revision());
        raft.readIndex().get(CorruptionChecks.REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        KvHash after = KvHash.of(store.hashKv(0));
        PeriodicCheck.Result result = PeriodicCheck.compare(before, after, answers);
        result.findings().forEach(CorruptionChecks::log);
        if (result.corrupt()) {
            raiseCorrupt();
        }
        LOG.infof("finished peer corruption check {number-of-peers-checked=%d}", result.checked());
    }

    /** Proposed without waiting, as etcd does ({@code goAttach}); the alarm then lands on every member. */
    private void raiseCorrupt() {
        raft.propose(InternalRequest.newBuilder().setAlarm(AlarmRequest.newBuilder()
                        .setAction(AlarmRequest.AlarmAction.ACTIVATE).setMemberID(PeriodicCheck.ALARM_MEMBER_ID)
                        .setAlarm(AlarmType.CORRUPT)).build())
                .whenComplete((response, error) -> {
                    if (error != null) {
                        LOG.errorf(error, "could not raise the CORRUPT alarm");
                    }
                });
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
