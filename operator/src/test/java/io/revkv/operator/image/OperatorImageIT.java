package io.revkv.operator.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
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
 * chart's probes expect (live, and ready once the leader's informers run), and it exits on SIGTERM within the Pod's
 * grace period.
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
            String commandLine = Files.readString(Path.of("/proc", String.valueOf(operator.pid()), "cmdline"))
                    .replace('\0', ' ');
            assertThat(commandLine).contains("-XX:MaxRAMPercentage=" + image.env().get("REVKV_HEAP_PERCENT"));

            // Kubernetes stops a Pod by SIGTERM and kills it 30 s later: the leader must exit before (it hung in
            // the SDK's System.exit inside a shutdown hook until LeaderElection handled the lost Lease itself).
            operator.destroy();
            assertThat(operator.waitFor(20, TimeUnit.SECONDS)).as("stopped on SIGTERM: %s", Files.readString(log))
                    .isTrue();
        } finally {
            if (operator.isAlive()) {
                operator.destroyForcibly();
            }
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
