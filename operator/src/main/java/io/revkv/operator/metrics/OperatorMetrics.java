package io.revkv.operator.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.revkv.operator.v1alpha1.DefragRecord;
import io.revkv.operator.v1alpha1.KVCluster;
import io.revkv.operator.v1alpha1.KVClusterStatus;
import io.revkv.operator.v1alpha1.MemberStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The operator's own meters, tagged by the KVCluster's namespace and name:
 * <ul>
 *   <li>{@code revkv_operator_actions_total{action, reason, outcome}}: every action the executor performed
 *       ({@code outcome} performed or failed), the same ones its Events record;</li>
 *   <li>{@code revkv_cluster_members}, {@code revkv_cluster_ready_members} and
 *       {@code revkv_cluster_leader{member}} (1 for the member that leads), as the status last said;</li>
 *   <li>{@code revkv_operator_defrag_seconds{member}} and {@code revkv_operator_defrag_reclaimed_bytes_total}.</li>
 * </ul>
 */
public final class OperatorMetrics {

    private final MeterRegistry registry;
    private final Map<String, ClusterGauges> clusters = new ConcurrentHashMap<>();

    public OperatorMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void actionPerformed(KVCluster kvc, String action, String reason, boolean performed) {
        Counter.builder("revkv_operator_actions").description("Actions the operator performed on a cluster")
                .tags(cluster(kvc)).tag("action", action).tag("reason", reason)
                .tag("outcome", performed ? "performed" : "failed").register(registry).increment();
    }

    public void defragmented(KVCluster kvc, DefragRecord record, Duration took) {
        Timer.builder("revkv_operator_defrag").description("How long a member's defragmentation took")
                .tags(cluster(kvc)).tag("member", record.getName()).register(registry).record(took);
        if (record.getDbSizeBefore() != null && record.getDbSizeAfter() != null) {
            Counter.builder("revkv_operator_defrag_reclaimed_bytes")
                    .description("Database file bytes defragmentation gave back").baseUnit("bytes")
                    .tags(cluster(kvc)).register(registry)
                    .increment(Math.max(0, record.getDbSizeBefore() - record.getDbSizeAfter()));
        }
    }

    /** The members and the leader as this status reports them. */
    public void observed(KVCluster kvc, KVClusterStatus status) {
        List<MemberStatus> members = status.getMembers() == null ? List.of() : status.getMembers();
        gauges(kvc).set(members.size(), status.getReadyReplicas() == null ? 0 : status.getReadyReplicas(),
                status.getLeader());
    }

    /** The cluster is gone: its gauges go too. */
    public void forget(KVCluster kvc) {
        ClusterGauges gauges = clusters.remove(key(kvc));
        if (gauges != null) {
            gauges.remove();
        }
    }

    private ClusterGauges gauges(KVCluster kvc) {
        return clusters.computeIfAbsent(key(kvc), k -> new ClusterGauges(cluster(kvc)));
    }

    private static String key(KVCluster kvc) {
        return kvc.getMetadata().getNamespace() + "/" + kvc.getMetadata().getName();
    }

    private static Tags cluster(KVCluster kvc) {
        return Tags.of("namespace", kvc.getMetadata().getNamespace(), "cluster", kvc.getMetadata().getName());
    }

    /** One cluster's gauges; the leader's series is replaced when leadership moves. */
    private final class ClusterGauges {
        private final Tags tags;
        private final AtomicLong members = new AtomicLong();
        private final AtomicLong ready = new AtomicLong();
        private final Meter membersGauge;
        private final Meter readyGauge;
        private String leader;
        private Meter leaderGauge;

        ClusterGauges(Tags tags) {
            this.tags = tags;
            this.membersGauge = Gauge.builder("revkv_cluster_members", members, AtomicLong::get)
                    .description("Members of the cluster's Raft group, learners included").tags(tags)
                    .register(registry);
            this.readyGauge = Gauge.builder("revkv_cluster_ready_members", ready, AtomicLong::get)
                    .description("Voting members that are healthy and ready").tags(tags).register(registry);
        }

        synchronized void set(long memberCount, long readyCount, String leaderName) {
            members.set(memberCount);
            ready.set(readyCount);
            if (java.util.Objects.equals(leader, leaderName)) {
                return;
            }
            if (leaderGauge != null) {
                registry.remove(leaderGauge);
                leaderGauge = null;
            }
            leader = leaderName;
            if (leaderName != null) {
                leaderGauge = Gauge.builder("revkv_cluster_leader", () -> 1).tags(tags).tag("member", leaderName)
                        .description("1 for the member that leads the cluster").register(registry);
            }
        }

        synchronized void remove() {
            registry.remove(membersGauge);
            registry.remove(readyGauge);
            if (leaderGauge != null) {
                registry.remove(leaderGauge);
            }
        }
    }
}
