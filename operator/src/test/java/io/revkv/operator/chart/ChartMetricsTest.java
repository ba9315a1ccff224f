package io.revkv.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The chart's optional metrics objects: the Service in front of the operator's /q/metrics, the Prometheus Operator's
 * ServiceMonitor scraping it, and the Grafana dashboard's ConfigMap, whose queries read only what the operator
 * exports.
 */
class ChartMetricsTest {

    private static final Map<String, Object> ALL_ON = Map.of("metrics.service.enabled", true,
            "metrics.serviceMonitor.enabled", true, "metrics.serviceMonitor.interval", "15s",
            "metrics.serviceMonitor.labels.release", "kube-prometheus-stack", "metrics.dashboard.enabled", true);

    @Test
    void offByDefault() {
        RenderedChart chart = RenderedChart.render(Map.of());

        assertThat(chart.all(Service.class)).isEmpty();
        assertThat(chart.all(ConfigMap.class)).isEmpty();
        assertThat(chart.generic("ServiceMonitor")).isEmpty();
    }

    @Test
    void serviceSelectsTheOperatorPodsAndTheirHttpPort() {
        RenderedChart chart = RenderedChart.render(Map.of("metrics.service.enabled", true));

        Service service = chart.one(Service.class);
        Deployment deployment = chart.one(Deployment.class);
        assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(service.getSpec().getSelector());
        assertThat(deployment.getSpec().getSelector().getMatchLabels())
                .isEqualTo(service.getSpec().getSelector());
        ServicePort port = service.getSpec().getPorts().get(0);
        Container operator = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        ContainerPort target = operator.getPorts().stream()
                .filter(p -> p.getName().equals(port.getTargetPort().getStrVal())).findFirst().orElseThrow();
        assertThat(target.getContainerPort()).isEqualTo(8080);
        assertThat(chart.generic("ServiceMonitor")).isEmpty();
    }

    @Test
    void serviceMonitorScrapesTheMetricsServiceByItsLabelsAndPortName() {
        RenderedChart chart = RenderedChart.render(ALL_ON);

        Service service = chart.one(Service.class);
        GenericKubernetesResource monitor = chart.generic("ServiceMonitor").get(0);
        assertThat(monitor.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack");
        Map<String, String> matchLabels = monitor.get("spec", "selector", "matchLabels");
        assertThat(service.getMetadata().getLabels()).containsAllEntriesOf(matchLabels);
        assertThat(monitor.<List<String>>get("spec", "namespaceSelector", "matchNames"))
                .containsExactly(service.getMetadata().getNamespace());
        List<Map<String, Object>> endpoints = monitor.get("spec", "endpoints");
        assertThat(endpoints).singleElement().satisfies(e -> assertThat(e)
                .containsEntry("port", service.getSpec().getPorts().get(0).getName())
                .containsEntry("path", "/q/metrics").containsEntry("interval", "15s")
                .containsOnlyKeys("port", "path", "interval"));
    }

    @Test
    void serviceMonitorBringsItsServiceAlong() {
        RenderedChart chart = RenderedChart.render(Map.of("metrics.serviceMonitor.enabled", true));

        assertThat(chart.all(Service.class)).hasSize(1);
        assertThat(chart.generic("ServiceMonitor")).hasSize(1);
    }

    @Test
    void dashboardIsTheChartsFileLabelledForGrafanasSidecar() throws Exception {
        ConfigMap dashboard = RenderedChart.render(ALL_ON).one(ConfigMap.class);

        assertThat(dashboard.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
        assertThat(dashboard.getData()).containsOnlyKeys("revkv-operator.json");
        JsonNode rendered = new ObjectMapper().readTree(dashboard.getData().get("revkv-operator.json"));
        assertThat(rendered).isEqualTo(DashboardQueries.chartDashboard(RenderedChart.repoRoot()));
        assertThat(rendered.path("panels").findValues("title")).extracting(JsonNode::asText)
                .contains("Actions by kind and outcome", "Members and ready members", "Leader",
                        "Defragmentation duration", "Bytes reclaimed", "Reconcile rate", "Reconcile errors");
    }

    @Test
    void dashboardQueriesReadOnlyMetricsTheOperatorExports() throws Exception {
        JsonNode dashboard = DashboardQueries.chartDashboard(RenderedChart.repoRoot());

        assertThat(DashboardQueries.metricNames(dashboard))
                .contains("revkv_operator_actions_total", "revkv_cluster_members", "revkv_cluster_ready_members",
                        "revkv_cluster_leader", "revkv_operator_defrag_seconds_sum",
                        "revkv_operator_defrag_reclaimed_bytes_total", "operator_sdk_reconciliations_failed_total")
                .isSubsetOf(ExportedMetrics.names());
    }

    @Test
    void metricNamesAreReadFromPromql() {
        assertThat(DashboardQueries.metricNames(
                "sum by (namespace, cluster) (rate(a_total{x=~\"$v\", y=\"by(z)\"}[$__rate_interval])) / on (n) "
                        + "max without (m) (b_seconds_max offset 5m) > 1e3"))
                .containsExactly("a_total", "b_seconds_max");
        assertThat(DashboardQueries.metricNames("label_values(c_members{namespace=~\"$namespace\"}, cluster)"))
                .containsExactly("c_members");
    }
}
