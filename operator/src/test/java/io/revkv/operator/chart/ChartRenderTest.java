package io.revkv.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.revkv.operator.LeaderElection;
import io.revkv.operator.resources.StoreImage;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** helm lint and helm template of the operator's chart, for the default values and the variants a user picks. */
class ChartRenderTest {

    @Test
    void lintsStrictlyClean() {
        LintResult lint = new Helm(RenderedChart.chartDir()).lint().strict().call();

        assertThat(lint.isFailed()).as("%s", lint.getMessages()).isFalse();
    }

    @Test
    void defaultValuesRunTwoLeaderElectedReplicasWithClusterWideRbac() {
        RenderedChart chart = RenderedChart.render(Map.of());

        Deployment deployment = chart.one(Deployment.class);
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
        assertThat(deployment.getMetadata().getNamespace()).isEqualTo(RenderedChart.NAMESPACE);
        Container operator = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(operator.getImage()).isEqualTo("ghcr.io/revkv/revkv-operator:0.1.0");
        assertThat(env(operator)).containsEntry("REVKV_OPERATOR_LEADER_ELECTION_LEASE_NAME", "revkv-operator-leader")
                .containsEntry("REVKV_OPERATOR_LEADER_ELECTION_LEASE_NAMESPACE", RenderedChart.NAMESPACE)
                .containsEntry("QUARKUS_OPERATOR_SDK_CONTROLLERS_KVCLUSTER_NAMESPACES", "JOSDK_ALL_NAMESPACES")
                .containsEntry("REVKV_STORE_IMAGE_REPOSITORY", StoreImage.DEFAULT_REPOSITORY);
        assertThat(operator.getStartupProbe().getHttpGet().getPath()).isEqualTo("/q/health/started");
        assertThat(operator.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
        assertThat(operator.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
        assertThat(operator.getResources().getLimits()).containsKey("memory");
        assertThat(operator.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(deployment.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(deployment.getSpec().getTemplate().getSpec().getServiceAccountName())
                .isEqualTo(chart.one(ServiceAccount.class).getMetadata().getName());
        assertThat(chart.all(ClusterRole.class)).hasSize(1);
        assertThat(chart.all(Role.class)).extracting(r -> r.getMetadata().getName())
                .containsExactly("revkv-revkv-operator-leader-election");
    }

    @Test
    void namespacedScopeWatchesOnlyTheNamespacesItHasRolesIn() {
        RenderedChart chart = RenderedChart.render(Map.of("rbac.scope", "namespace",
                "rbac.watchNamespaces[0]", "team-a", "rbac.watchNamespaces[1]", "team-b"));

        Container operator = chart.one(Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(env(operator)).containsEntry("QUARKUS_OPERATOR_SDK_CONTROLLERS_KVCLUSTER_NAMESPACES",
                "team-a,team-b");
        assertThat(chart.all(ClusterRole.class)).isEmpty();
        assertThat(chart.all(Role.class)).extracting(r -> r.getMetadata().getNamespace())
                .containsExactlyInAnyOrder("team-a", "team-b", RenderedChart.NAMESPACE);
    }

    @Test
    void namespacedScopeDefaultsToTheReleaseNamespace() {
        RenderedChart chart = RenderedChart.render(Map.of("rbac.scope", "namespace"));

        Container operator = chart.one(Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(env(operator)).containsEntry("QUARKUS_OPERATOR_SDK_CONTROLLERS_KVCLUSTER_NAMESPACES",
                RenderedChart.NAMESPACE);
    }

    @Test
    void storeImageAndOperatorImageAreValues() {
        RenderedChart chart = RenderedChart.render(Map.of("storeImage.repository", "mirror.example/revkv",
                "image.repository", "mirror.example/revkv-operator", "image.tag", "0.1.1"));

        Container operator = chart.one(Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(operator.getImage()).isEqualTo("mirror.example/revkv-operator:0.1.1");
        assertThat(env(operator)).containsEntry("REVKV_STORE_IMAGE_REPOSITORY", "mirror.example/revkv");
    }

    @Test
    void oneReplicaMayRunWithoutLeaderElection() {
        RenderedChart chart = RenderedChart.render(Map.of("replicas", 1, "leaderElection.enabled", false));

        Container operator = chart.one(Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(env(operator)).doesNotContainKey("REVKV_OPERATOR_LEADER_ELECTION_LEASE_NAME");
        assertThat(chart.all(Role.class)).isEmpty();
    }

    @Test
    void refusesTwoReplicasWithoutLeaderElectionAndAnUnknownScope() {
        assertThatThrownBy(() -> RenderedChart.render(Map.of("leaderElection.enabled", false)))
                .hasMessageContaining("replicas > 1 needs leaderElection.enabled");
        assertThatThrownBy(() -> RenderedChart.render(Map.of("rbac.scope", "everywhere")))
                .hasMessageContaining("rbac.scope must be cluster or namespace");
    }

    @Test
    void environmentNamesAreThoseOfTheOperatorsConfigProperties() {
        Container operator = RenderedChart.render(Map.of()).one(Deployment.class).getSpec().getTemplate().getSpec()
                .getContainers().get(0);

        assertThat(env(operator)).containsKeys(envName(StoreImage.REPOSITORY_PROPERTY),
                envName(LeaderElection.LEASE_NAME_PROPERTY), envName(LeaderElection.LEASE_NAMESPACE_PROPERTY));
    }

    /** MicroProfile Config's environment variable for a property: non-alphanumerics to underscores, upper case. */
    private static String envName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(java.util.Locale.ROOT);
    }

    private static Map<String, String> env(Container container) {
        return container.getEnv().stream().filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    }
}
