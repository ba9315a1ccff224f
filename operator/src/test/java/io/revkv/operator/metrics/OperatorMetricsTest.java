package io.revkv.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.revkv.operator.v1alpha1.DefragRecord;
import io.revkv.operator.v1alpha1.KVCluster;
import io.revkv.operator.v1alpha1.KVClusterStatus;
import io.revkv.operator.v1alpha1.MemberStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The meters as Prometheus scrapes them from /q/metrics. */
class OperatorMetricsTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final OperatorMetrics metrics = new OperatorMetrics(registry);
    private final KVCluster kvc = cluster("db", "kv");

    @Test
    void actionsAreCountedByKindReasonAndOutcome() {
        metrics.actionPerformed(kvc, "RestartMember", "MemberOutdated", true);
        metrics.actionPerformed(kvc, "RestartMember", "MemberOutdated", true);
        metrics.actionPerformed(kvc, "Defragment", "DefragScheduled", false);

        assertThat(scrape()).contains(
                "revkv_operator_actions_total{action=\"RestartMember\",cluster=\"kv\",namespace=\"db\","
                        + "outcome=\"performed\",reason=\"MemberOutdated\"} 2.0",
                "revkv_operator_actions_total{action=\"Defragment\",cluster=\"kv\",namespace=\"db\","
                        + "outcome=\"failed\",reason=\"DefragScheduled\"} 1.0");
    }

    @Test
    void membersAndTheLeaderFollowTheStatusesAndGoWithTheirCluster() {
        KVCluster other = cluster("db", "other");
        other.setStatus(status("other-2", 5, 5));
        metrics.observed(List.of(kvc, other), kvc, status("kv-0", 3, 3));
        assertThat(scrape()).contains("revkv_cluster_members{cluster=\"kv\",namespace=\"db\"} 3.0",
                "revkv_cluster_ready_members{cluster=\"kv\",namespace=\"db\"} 3.0",
                "revkv_cluster_leader{cluster=\"kv\",member=\"kv-0\",namespace=\"db\"} 1.0",
                "revkv_cluster_members{cluster=\"other\",namespace=\"db\"} 5.0",
                "revkv_cluster_leader{cluster=\"other\",member=\"other-2\",namespace=\"db\"} 1.0");

        metrics.observed(List.of(kvc, other), kvc, status("kv-1", 3, 2));
        assertThat(scrape()).as("one leader series per cluster, the new one")
                .contains("revkv_cluster_leader{cluster=\"kv\",member=\"kv-1\",namespace=\"db\"} 1.0",
                        "revkv_cluster_ready_members{cluster=\"kv\",namespace=\"db\"} 2.0")
                .doesNotContain("member=\"kv-0\"");

        metrics.observed(List.of(kvc), kvc, status(null, 3, 0));
        assertThat(scrape()).as("no leader, no leader series; a deleted cluster, no series")
                .doesNotContain("revkv_cluster_leader{").doesNotContain("cluster=\"other\"");
    }

    @Test
    void defragmentationRecordsItsDurationAndTheBytesGivenBack() {
        metrics.defragmented(kvc, new DefragRecord("kv-1", "2026-12-05T10:00:00Z", "DefragScheduled", 64L << 20,
                16L << 20, 15L << 20), Duration.ofMillis(1500));
        metrics.defragmented(kvc, new DefragRecord("kv-2", "2026-12-05T10:00:05Z", "DefragScheduled", 10L << 20,
                null, null), Duration.ofMillis(500));

        assertThat(scrape()).contains(
                "revkv_operator_defrag_seconds_count{cluster=\"kv\",member=\"kv-1\",namespace=\"db\"} 1",
                "revkv_operator_defrag_seconds_sum{cluster=\"kv\",member=\"kv-1\",namespace=\"db\"} 1.5",
                "revkv_operator_defrag_reclaimed_bytes_total{cluster=\"kv\",namespace=\"db\"} 5.0331648E7");
    }

    /** The text format 0.0.4 ends a label set with a comma; the newer one does not. */
    private String scrape() {
        return registry.scrape().replace(",}", "}");
    }

    private static KVCluster cluster(String namespace, String name) {
        KVCluster kvc = new KVCluster();
        kvc.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
        return kvc;
    }

    private static KVClusterStatus status(String leader, int members, int ready) {
        KVClusterStatus status = new KVClusterStatus();
        status.setLeader(leader);
        status.setReadyReplicas(ready);
        status.setMembers(java.util.stream.IntStream.range(0, members).mapToObj(i -> {
            MemberStatus m = new MemberStatus();
            m.setName("kv-" + i);
            return m;
        }).toList());
        return status;
    }
}
