package io.revkv.operator.chart;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.api.config.BaseConfigurationService;
import io.javaoperatorsdk.operator.api.config.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Constants;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.javaoperatorsdk.operator.processing.Controller;
import io.javaoperatorsdk.operator.processing.GroupVersionKind;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.revkv.operator.metrics.OperatorMetrics;
import io.revkv.operator.reconcile.KVClusterReconciler;
import io.revkv.operator.v1alpha1.DefragRecord;
import io.revkv.operator.v1alpha1.KVCluster;
import io.revkv.operator.v1alpha1.KVClusterStatus;
import io.revkv.operator.v1alpha1.MemberStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The metric names the operator's /q/metrics serves, as Prometheus sees them: {@link OperatorMetrics} and JOSDK's
 * {@link MicrometerMetrics} (bound per resource, as QOSDK binds them) driven through a reconcile of each outcome for
 * the operator's own controller, then scraped.
 */
final class ExportedMetrics {

    private ExportedMetrics() {
    }

    static Set<String> names() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        KVCluster kvc = new KVCluster();
        kvc.setMetadata(new ObjectMetaBuilder().withNamespace("db").withName("kv").build());

        OperatorMetrics operator = new OperatorMetrics(registry);
        operator.actionPerformed(kvc, "CreateSeed", "Bootstrap", true);
        operator.defragmented(kvc, new DefragRecord("kv-0", "2026-12-05T10:00:00Z", "DefragScheduled", 2L << 20,
                1L << 20, 1L << 20), Duration.ofSeconds(1));
        KVClusterStatus status = new KVClusterStatus();
        MemberStatus member = new MemberStatus();
        member.setName("kv-0");
        status.setMembers(List.of(member));
        status.setReadyReplicas(1);
        status.setLeader("kv-0");
        operator.observed(List.of(kvc), kvc, status);

        MicrometerMetrics sdk = MicrometerMetrics.newPerResourceCollectingMicrometerMetricsBuilder(registry).build();
        // The SDK's per-controller gauges start when a controller registers: the operator's own, configured as JOSDK
        // configures it, over a client that is never used (nothing here starts the controller).
        try (KubernetesClient client = new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder().withMasterUrl("https://127.0.0.1:1").build()).build()) {
            KVClusterReconciler reconciler = new KVClusterReconciler(client, registry);
            ControllerConfiguration<KVCluster> configuration = new BaseConfigurationService()
                    .getConfigurationFor(reconciler);
            sdk.controllerRegistered(new Controller<>(reconciler, configuration, client));
            Map<String, Object> metadata = Map.of(Constants.RESOURCE_GVK_KEY, GroupVersionKind.gvkFor(KVCluster.class),
                    Constants.CONTROLLER_NAME, configuration.getName());
            sdk.reconcileCustomResource(kvc, null, metadata);
            sdk.reconciliationExecutionStarted(kvc, metadata);
            sdk.finishedReconciliation(kvc, metadata);
            sdk.failedReconciliation(kvc, new IllegalStateException("failed"), metadata);
            sdk.reconciliationExecutionFinished(kvc, metadata);
        }

        Set<String> names = new TreeSet<>();
        registry.scrape().lines().filter(l -> !l.isBlank() && !l.startsWith("#"))
                .map(l -> l.split("[{ ]", 2)[0]).forEach(names::add);
        return names;
    }
}
