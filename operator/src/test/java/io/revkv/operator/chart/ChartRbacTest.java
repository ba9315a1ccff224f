package io.revkv.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.Comparator;
import org.junit.jupiter.api.Test;

/**
 * The chart's RBAC is exactly what the operator's code uses (OperatorPermissions reads it from the code): every verb
 * it needs, where it needs it, and nothing more — the Lease only in the operator's namespace, the rest cluster-wide or
 * only in the watched namespaces.
 */
class ChartRbacTest {

    @Test
    void clusterScopeGrantsWhatTheCodeUsesEverywhereAndTheLeaseAtHome() {
        RenderedChart chart = RenderedChart.render(Map.of());

        assertThat(granted(chart)).containsExactly(
                Map.entry(Granted.CLUSTER_WIDE, OperatorPermissions.inWatchedNamespaces()),
                Map.entry(RenderedChart.NAMESPACE, OperatorPermissions.leaderElection()));
    }

    @Test
    void namespaceScopeGrantsWhatTheCodeUsesInEachWatchedNamespaceOnly() {
        RenderedChart chart = RenderedChart.render(Map.of("rbac.scope", "namespace",
                "rbac.watchNamespaces[0]", "team-a", "rbac.watchNamespaces[1]", "team-b"));

        assertThat(granted(chart)).containsOnly(
                Map.entry("team-a", OperatorPermissions.inWatchedNamespaces()),
                Map.entry("team-b", OperatorPermissions.inWatchedNamespaces()),
                Map.entry(RenderedChart.NAMESPACE, OperatorPermissions.leaderElection()));
    }

    @Test
    void watchingItsOwnNamespaceTheOperatorHoldsBothThereInOneRoleEach() {
        RenderedChart chart = RenderedChart.render(Map.of("rbac.scope", "namespace"));

        Set<Permission> both = new TreeSet<>(Comparator.comparing(Permission::toString));
        both.addAll(OperatorPermissions.inWatchedNamespaces());
        both.addAll(OperatorPermissions.leaderElection());
        assertThat(granted(chart)).containsOnly(Map.entry(RenderedChart.NAMESPACE, both));
    }

    @Test
    void withoutLeaderElectionNoLease() {
        RenderedChart chart = RenderedChart.render(Map.of("replicas", 1, "leaderElection.enabled", false));

        assertThat(granted(chart)).containsOnly(
                Map.entry(Granted.CLUSTER_WIDE, OperatorPermissions.inWatchedNamespaces()));
    }

    @Test
    void theCodeNeedsWhatTheReconcilerDeclaresAndItsDependents() {
        assertThat(OperatorPermissions.inWatchedNamespaces()).extracting(Permission::toString)
                .contains("core/pods:delete", "core/persistentvolumeclaims:create", "core/events:create",
                        "core/secrets:get", "core/services:create", "policy/poddisruptionbudgets:patch",
                        "revkv.io/kvclusters:watch", "revkv.io/kvclusters/status:patch");
    }

    private static Map<String, Set<Permission>> granted(RenderedChart chart) {
        String serviceAccount = chart.one(Deployment.class).getSpec().getTemplate().getSpec().getServiceAccountName();
        return Granted.to(chart, serviceAccount, RenderedChart.NAMESPACE);
    }
}
