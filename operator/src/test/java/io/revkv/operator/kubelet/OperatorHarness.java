package io.revkv.operator.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.revkv.operator.execute.DnsMemberConnector;
import io.revkv.operator.plan.Planner;
import io.revkv.operator.reconcile.KVClusterReconciler;
import io.revkv.operator.v1alpha1.KVCluster;
import io.revkv.operator.v1alpha1.KVClusterStatus;
import io.revkv.operator.v1alpha1.MemberStatus;
import io.revkv.operator.v1alpha1.Phase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/**
 * The operator against the fabric8 mock API server, with a {@link FakeKubelet} running its Pods as real store
 * processes, and what a user does and reads there: apply and edit the KVCluster {@code kv} in namespace
 * {@code db}, wait for it to run, read its status, Events and Pods, and call etcdctl at a member's address.
 */
final class OperatorHarness implements AutoCloseable {

    static final String NAMESPACE = "db";
    static final String CLUSTER = "kv";

    private final KubernetesClient client;
    private final FakeKubelet kubelet;
    private Operator operator;
    private PrometheusMeterRegistry metrics;

    private OperatorHarness(KubernetesClient client, FakeKubelet kubelet) {
        this.client = client;
        this.kubelet = kubelet;
    }

    /** Starts the kubelet and the operator against the mock server the client talks to; data goes under dir. */
    static OperatorHarness start(KubernetesClient client, Path dir) {
        Path jar = Path.of(System.getProperty("revkv.app.jar"));
        assertThat(jar).as("the packaged store; build it first: ./mvnw -B -pl store -am package -DskipTests")
                .isRegularFile();
        FakeKubelet kubelet = new FakeKubelet(client, NAMESPACE, dir, jar,
                Path.of(System.getProperty("jdk.net.hosts.file"))).start();
        OperatorHarness harness = new OperatorHarness(client, kubelet);
        harness.startOperator(new Planner());
        return harness;
    }

    /** An operator with its own metrics registry, as a restarted operator process has. */
    private void startOperator(Planner planner) {
        operator = new Operator(o -> o.withKubernetesClient(client).withCloseClientOnStop(false)
                .withUseSSAToPatchPrimaryResource(false).withSSABasedCreateUpdateMatchForDependentResources(false));
        metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        operator.register(new KVClusterReconciler(client, new DnsMemberConnector(client, Duration.ofSeconds(2)),
                Clock.systemUTC(), Duration.ofSeconds(1), metrics, planner));
        operator.start();
    }

    /** The operator's metrics as Prometheus scrapes them (label sets without format 0.0.4's trailing comma). */
    String scrapeMetrics() {
        return metrics.scrape().replace(",}", "}");
    }

    /** Stops the operator and starts another with this planner; the members and their Pods keep running. */
    void restartOperator(Planner planner) {
        operator.stop();
        startOperator(planner);
    }

    KubernetesClient client() {
        return client;
    }

    FakeKubelet kubelet() {
        return kubelet;
    }

    /** Creates the KVCluster with this spec, written as a YAML flow mapping: {@code {replicas: 3}}. */
    void create(String spec) {
        client.resource(Serialization.unmarshal("""
                apiVersion: revkv.io/v1alpha1
                kind: KVCluster
                metadata: {name: %s, namespace: %s}
                spec: %s
                """.formatted(CLUSTER, NAMESPACE, spec), KVCluster.class)).create();
    }

    void edit(UnaryOperator<KVCluster> change) {
        client.resources(KVCluster.class).inNamespace(NAMESPACE).withName(CLUSTER).edit(change);
    }

    KVCluster resource() {
        return client.resources(KVCluster.class).inNamespace(NAMESPACE).withName(CLUSTER).get();
    }

    KVClusterStatus status() {
        KVCluster kvc = resource();
        return kvc == null ? null : kvc.getStatus();
    }

    /** Running, with this many ready voters, and Available. */
    KVClusterStatus awaitRunning(int voters, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            KVClusterStatus s = status();
            if (s != null && s.getPhase() == Phase.Running && s.getReadyReplicas() != null
                    && s.getReadyReplicas() == voters && condition(s, "Available", "True")) {
                return s;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("not Running with " + voters + " ready voters within " + timeout + "; status "
                + Serialization.asYaml(status()) + "\nevents " + eventLines() + "\nkv-0 log:\n" + kubelet.log("kv-0"));
    }

    static boolean condition(KVClusterStatus s, String type, String value) {
        return s.getConditions() != null
                && s.getConditions().stream().anyMatch(c -> type.equals(c.getType()) && value.equals(c.getStatus()));
    }

    static String leader(KVClusterStatus s) {
        return s.getMembers().stream().filter(m -> m.getRole() == MemberStatus.Role.Leader).findFirst().orElseThrow()
                .getName();
    }

    void awaitTrue(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within " + timeout + "; events " + eventLines());
            }
            Thread.sleep(250);
        }
    }

    /**
     * The namespace's Events in the order they were created (the mock server's resourceVersion): their timestamps
     * have whole seconds, and a join's three Events often share one.
     */
    List<Event> events() {
        return client.v1().events().inNamespace(NAMESPACE).list().getItems().stream()
                .sorted(Comparator.comparingLong((Event e) -> Long.parseLong(e.getMetadata().getResourceVersion())))
                .toList();
    }

    List<String> eventLines() {
        return events().stream().map(e -> e.getReason() + ": " + e.getMessage()).toList();
    }

    static Instant time(Event e) {
        return Instant.parse(e.getFirstTimestamp());
    }

    Pod pod(String name) {
        return client.pods().inNamespace(NAMESPACE).withName(name).get();
    }

    boolean ready(String name) {
        Pod pod = pod(name);
        return pod != null && pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus()
                .getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /** Every Pod's UID by name: a changed UID is a Pod deleted and made again. */
    Map<String, String> uids() {
        Map<String, String> uids = new HashMap<>();
        client.pods().inNamespace(NAMESPACE).list().getItems()
                .forEach(p -> uids.put(p.getMetadata().getName(), p.getMetadata().getUid()));
        return uids;
    }

    /**
     * etcdctl (Go, so it resolves with /etc/hosts, not the JVM's file) at a member's own address; its output, errors
     * included, for the caller to judge.
     */
    static String etcdctl(String endpoint, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/usr/bin/etcdctl", "--endpoints=" + endpoint,
                "--command-timeout=10s"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("ETCDCTL_API", "3");
        Process process = builder.start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("etcdctl " + command + " hung");
        }
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    }

    /** The status and Events as a user reads them, printed for the record. */
    void report(KVClusterStatus status) {
        System.out.println("--- status ---\n" + Serialization.asYaml(status));
        System.out.println("--- events ---");
        events().forEach(e -> System.out.println(e.getFirstTimestamp() + " " + e.getType() + " " + e.getReason()
                + ": " + e.getMessage()));
        assertThat(status.getConditions()).extracting(Condition::getType)
                .containsExactly("Available", "Progressing", "Degraded");
    }

    @Override
    public void close() {
        operator.stop();
        kubelet.close();
    }
}
