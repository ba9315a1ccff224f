package io.revkv.operator.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.revkv.operator.v1alpha1.DefragRecord;
import io.revkv.operator.v1alpha1.KVCluster;
import io.revkv.operator.v1alpha1.KVClusterStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The operator's own meters, tagged by the KVCluster's namespace and name:
 * <ul>
 *   <li>{@code revkv_operator_actions_total{action, reason, outcome}}: every action the executor performed
 *       ({@code outcome} performed or failed), the same ones its Events record;</li>
 *   <li>{@code revkv_cluster_members}, {@code revkv_cluster_ready_members} and
 *       {@code revkv_cluster_leader{member}} (1 for the member that leads), as each cluster's status says;</li>
 *   <li>{@code revkv_operator_defrag_seconds{member}} and {@code revkv_operator_defrag_reclaimed_bytes_total}.</li>
 * </ul>
 */
public final class OperatorMetrics {

    private final MeterRegistry registry;
    private final MultiGauge members;
    private final MultiGauge ready;
    private final MultiGauge leaders;

    public OperatorMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.members = MultiGauge.builder("revkv_cluster_members")
                .description("Members of the cluster's Raft group, learners included").register(registry);
        this.ready = MultiGauge.builder("revkv_cluster_ready_members")
                .description("Voting members that are healthy and ready").register(registry);
        this.leaders = MultiGauge.builder("revkv_cluster_leader")
                .description("1 for the member that leads the cluster").register(registry);
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

    /**
     * The members and the leader of every cluster the operator knows, as their statuses say: clusters that are gone
     * drop out of the gauges here. {@code fresh} replaces the known status of the cluster just reconciled.
     */
    public void observed(Collection<KVCluster> known, KVCluster current, KVClusterStatus fresh) {
        List<MultiGauge.Row<?>> memberRows = new ArrayList<>();
        List<MultiGauge.Row<?>> readyRows = new ArrayList<>();
        List<MultiGauge.Row<?>> leaderRows = new ArrayList<>();
        for (KVCluster kvc : known) {
            boolean isCurrent = kvc.getMetadata().getNamespace().equals(current.getMetadata().getNamespace())
                    && kvc.getMetadata().getName().equals(current.getMetadata().getName());
            KVClusterStatus status = isCurrent ? fresh : kvc.getStatus();
            if (status == null) {
                continue;
            }
            Tags tags = cluster(kvc);
            memberRows.add(MultiGauge.Row.of(tags, status.getMembers() == null ? 0 : status.getMembers().size()));
            readyRows.add(MultiGauge.Row.of(tags, status.getReadyReplicas() == null ? 0 : status.getReadyReplicas()));
            if (status.getLeader() != null) {
                leaderRows.add(MultiGauge.Row.of(tags.and("member", status.getLeader()), 1));
            }
        }
        members.register(memberRows, true);
        ready.register(readyRows, true);
        leaders.register(leaderRows, true);
    }

    private static Tags cluster(KVCluster kvc) {
        return Tags.of("namespace", kvc.getMetadata().getNamespace(), "cluster", kvc.getMetadata().getName());
    }
}
