package io.revkv.operator.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.revkv.operator.chart.DashboardQueries;
import io.revkv.operator.resources.ClientService;
import io.revkv.operator.resources.PeerService;
import io.revkv.operator.resources.QuorumBudget;
import io.revkv.operator.v1alpha1.KVCluster;
import io.revkv.testing.FreePorts;
import io.revkv.testing.image.ImageLayout;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's image without a container engine: images/operator/Dockerfile's COPY lines laid out from the packaged
 * operator, its entrypoint started with the environment the chart gives it, against the fabric8 mock API server. It
 * takes the leader's Lease as the chart's leader election configures it, and its health endpoints answer as the
 * chart's probes expect (live, and ready once the leader's informers run), it serves the metrics the chart's
 * ServiceMonitor and dashboard use once it acted on a KVCluster, it gives members the store image the install names,
 * and it exits on SIGTERM within the Pod's grace period, handing its Lease back.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class OperatorImageIT {

    static KubernetesMockServer server;
    static KubernetesClient client;

    @TempDir
    Path root;

    @Test
    void entrypointStartsTheOperatorWhichLeadsAndReportsHealthy() throws Exception {
        Path repo = Path.of(System.getProperty("revkv.app.jar")).toAbsolutePath().getParent().getParent().getParent()
                .getParent();
        ImageLayout image = ImageLayout.parse(repo.resolve("images/operator/Dockerfile"));
        image.layOut(repo, root);
        int http = FreePorts.take(1)[0];
        Path log = root.resolve("operator.log");
        ProcessBuilder builder = image.entrypoint(root, List.of()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(Map.of(
                "QUARKUS_KUBERNETES_CLIENT_API_SERVER_URL", server.url("/"),
                "QUARKUS_KUBERNETES_CLIENT_NAMESPACE", "revkv-system",
                "KUBECONFIG", root.resolve("no-kubeconfig").toString(),
                "HOSTNAME", "revkv-operator-0",
                "QUARKUS_HTTP_PORT", String.valueOf(http),
                "REVKV_OPERATOR_LEADER_ELECTION_LEASE_NAME", "revkv-operator-leader",
                "REVKV_OPERATOR_LEADER_ELECTION_LEASE_NAMESPACE", "revkv-system",
                "REVKV_STORE_IMAGE_REPOSITORY", "mirror.example/revkv/store",
                "QUARKUS_OPERATOR_SDK_CONTROLLERS_KVCLUSTER_NAMESPACES", "JOSDK_ALL_NAMESPACES"));

        // The SDK asks the API server, before it campaigns, whether its account may get, create and update Leases;
        // the mock answers as a server would for the chart's leader-election Role.
        server.expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
                .andReturn(201, new SelfSubjectRulesReviewBuilder().withNewMetadata().endMetadata()
                        .withNewSpec().withNamespace("revkv-system").endSpec()
                        .withNewStatus().withIncomplete(false).addNewResourceRule()
                        .withApiGroups("coordination.k8s.io").withResources("leases")
                        .withVerbs("get", "create", "update").endResourceRule().endStatus().build())
                .always();

        Process operator = builder.start();
        try {
            await(operator, log, "/q/health/live answers 200", () -> status(http, "/q/health/live") == 200);
            await(operator, log, "the Lease held by revkv-operator-0", () -> {
                Lease lease = client.leases().inNamespace("revkv-system").withName("revkv-operator-leader").get();
                return lease != null && "revkv-operator-0".equals(lease.getSpec().getHolderIdentity());
            });
            await(operator, log, "/q/health/ready answers 200", () -> status(http, "/q/health/ready") == 200);

            // The metrics the chart's ServiceMonitor scrapes and its dashboard reads: the operator's own once it
            // acted on a cluster, and the SDK's reconcile metrics (QOSDK binds JOSDK's Micrometer metrics). The
            // image's operator keeps its dependents by server-side apply, which the mock server does not implement
            // (415): its first reconciles fail on it, as the SDK's failed-reconcile counter shows; then the Services
            // and the budget exist and an apply (theirs, and the status') answers as a server would.
            KVCluster kvc = client.resource(client.getKubernetesSerialization().unmarshal("""
                    apiVersion: revkv.io/v1alpha1
                    kind: KVCluster
                    metadata: {name: kv, namespace: team-a}
                    spec: {replicas: 1}
                    """, KVCluster.class)).create();
            await(operator, log, "/q/metrics counting a failed reconcile",
                    () -> scrape(http).contains("operator_sdk_reconciliations_failed_total{"));
            for (HasMetadata dependent : List.of(PeerService.desired(kvc), ClientService.desired(kvc),
                    QuorumBudget.desired(kvc))) {
                HasMetadata created = client.resource(dependent).create();
                String group = created.getApiVersion().contains("/") ? "/apis/" : "/api/";
                server.expect().patch().withPath(group + created.getApiVersion() + "/namespaces/team-a/"
                        + HasMetadata.getPlural(created.getClass()) + "/" + created.getMetadata().getName()
                        + "?fieldManager=kvcluster&force=true").andReturn(200, created).always();
            }
            server.expect().patch().withPath("/apis/revkv.io/v1alpha1/namespaces/team-a/kvclusters/kv/status"
                    + "?fieldManager=kvcluster&force=true").andReturn(200, kvc).always();
            await(operator, log, "the seed Pod created", () -> !client.pods().inNamespace("team-a").list().getItems()
                    .isEmpty());
            assertThat(client.pods().inNamespace("team-a").list().getItems().get(0).getSpec().getContainers().get(0)
                    .getImage()).as("the store image the install names (the chart's storeImage.repository)")
                    .startsWith("mirror.example/revkv/store:");
            await(operator, log, "/q/metrics counting the seed's creation and a successful reconcile", () -> {
                String scraped = scrape(http);
                return scraped.contains("revkv_operator_actions_total{action=\"CreateSeed\",cluster=\"kv\","
                        + "namespace=\"team-a\",outcome=\"performed\",reason=\"Bootstrap\"}")
                        && scraped.contains("operator_sdk_reconciliations_success_total{");
            });
            String metrics = scrape(http);
            assertThat(metrics).contains("operator_sdk_reconciliations_started_total{");
            assertThat(DashboardQueries.metricNames(DashboardQueries.chartDashboard(repo)).stream()
                    .filter(name -> name.startsWith("operator_sdk_")))
                    .as("the dashboard's SDK metrics, as the running operator names them")
                    .isNotEmpty().allMatch(name -> metrics.contains("\n" + name + "{"));
            String commandLine = Files.readString(Path.of("/proc", String.valueOf(operator.pid()), "cmdline"))
                    .replace('\0', ' ');
            assertThat(commandLine).contains("-XX:MaxRAMPercentage=" + image.env().get("REVKV_HEAP_PERCENT"));

            // Kubernetes stops a Pod by SIGTERM and kills it 30 s later: the leader must exit before (it hung in
            // the SDK's System.exit inside a shutdown hook until LeaderElection handled the lost Lease itself).
            operator.destroy();
            assertThat(operator.waitFor(20, TimeUnit.SECONDS)).as("stopped on SIGTERM: %s", Files.readString(log))
                    .isTrue();
            // ...and hand its Lease back, so the standby leads at its next retry, not when the Lease runs out.
            Lease released = client.leases().inNamespace("revkv-system").withName("revkv-operator-leader").get();
            assertThat(released.getSpec().getHolderIdentity()).as("holder after SIGTERM: %s", Files.readString(log))
                    .isNullOrEmpty();
            assertThat(released.getSpec().getLeaseDurationSeconds()).isEqualTo(1);
        } finally {
            if (operator.isAlive()) {
                operator.destroyForcibly();
            }
        }
    }

    /** The scrape in one text format whatever the registry's version (0.0.4 ends a label set with a comma). */
    private static String scrape(int port) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/q/metrics")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString())
                    .body().replace(",}", "}");
        } catch (java.io.IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static int status(int port, String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static void await(Process process, Path log, String what, BooleanSupplier condition) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            assertThat(process.isAlive()).as("the operator exited before %s: %s", what, Files.readString(log))
                    .isTrue();
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not within 2 minutes: " + what + "\n" + Files.readString(log));
    }
}
