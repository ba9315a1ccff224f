package io.revkv.operator.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.revkv.operator.execute.DnsMemberConnector;
import io.revkv.operator.plan.Planner;
import io.revkv.operator.reconcile.KVClusterReconciler;
import io.revkv.operator.resources.Endpoints;
import io.revkv.operator.v1alpha1.KVCluster;
import io.revkv.operator.v1alpha1.KVClusterStatus;
import io.revkv.operator.v1alpha1.MemberStatus;
import io.revkv.operator.v1alpha1.Phase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The operator against the fabric8 mock API server, with a {@link FakeKubelet} running its Pods as real store
 * processes, and what a user does and reads there: apply and edit the KVCluster {@code kv} in namespace
 * {@code db}, wait for it to run, read its status, Events and Pods, and call etcdctl at a member's address.
 *
 * <p>A JUnit 5 extension: a test class holds one in a field, {@code @RegisterExtension final OperatorHarness
 * harness = new OperatorHarness();}, and each test gets its own mock API server ({@link MockApiServer}: CRUD mode,
 * random UIDs, so its cluster token and ID are this run's alone), its own directory (the members' volumes and
 * logs; kept when the test fails, and its path printed), its own free loopback block ({@link KubeletHosts}), the
 * kubelet and the operator; all are stopped after the test. Member ordinal i listens on {@link #address(int)}.
 */
final class OperatorHarness implements BeforeEachCallback, AfterEachCallback {

    static final String NAMESPACE = "db";
    static final String CLUSTER = "kv";
    /** The annotation {@link #nudge()} sets on a member Pod; nothing reads it. */
    static final String NUDGE_ANNOTATION = "harness.revkv.io/nudge";
    private static final Duration NUDGE_EVERY = Duration.ofSeconds(3);

    private MockApiServer api;
    private KubernetesClient client;
    private Path dir;
    private Loopback loopback;
    private FakeKubelet kubelet;
    private Operator operator;
    private PrometheusMeterRegistry metrics;
    private long nudges;

    /** Starts the mock API server, the kubelet and the operator; members' data goes under a new directory. */
    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        Path jar = Path.of(System.getProperty("revkv.app.jar"));
        assertThat(jar).as("the packaged store; build it first: ./mvnw -B -pl store -am package -DskipTests")
                .isRegularFile();
        dir = Files.createTempDirectory("operator-harness-");
        Path hosts = dir.resolve("hosts");
        loopback = KubeletHosts.claim(hosts);
        api = MockApiServer.start();
        client = api.client();
        kubelet = new FakeKubelet(client, NAMESPACE, dir, jar, hosts).start();
        startOperator(new Planner());
    }

    /** Stops all; the directory goes if the test passed, else stays for its members' logs. */
    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        try {
            close();
        } finally {
            if (context.getExecutionException().isPresent()) {
                System.out.println("OperatorHarness: kept " + dir + " (members' volumes and logs)");
            } else if (dir != null) {
                delete(dir);
            }
        }
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

    /** This test's directory: the members' volumes and logs, and room for the test's own files. */
    Path dir() {
        return dir;
    }

    /** The loopback address member ordinal i listens on (and its name resolves to). */
    String address(int ordinal) {
        return loopback.address(ordinal);
    }

    /** A member's client address, host:port, for etcdctl (Go: it resolves with /etc/hosts, not the harness's file). */
    String clientAddress(String member) {
        return address(Integer.parseInt(member.substring(member.lastIndexOf('-') + 1))) + ":" + Endpoints.CLIENT_PORT;
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
     * Makes the operator look at the cluster now: sets an annotation nothing reads on a member Pod, an update its
     * Pod informer passes on, as it does kubelet's status updates. A settled cluster is otherwise looked at again
     * only after 30 s; a wait for a fresh reading nudges instead of waiting that out. A nudge that fails (the Pod
     * went meanwhile) is let go: the next one will do.
     */
    void nudge() {
        client.pods().inNamespace(NAMESPACE).list().getItems().stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null).findFirst().ifPresent(pod -> {
                    String value = String.valueOf(++nudges);
                    try {
                        client.pods().inNamespace(NAMESPACE).withName(pod.getMetadata().getName())
                                .edit(p -> new PodBuilder(p).editMetadata().addToAnnotations(NUDGE_ANNOTATION, value)
                                        .endMetadata().build());
                    } catch (KubernetesClientException e) {
                        System.out.println("nudge: " + e.getMessage());
                    }
                });
    }

    /** Whether the condition held within the timeout, the operator nudged every 3 s meanwhile. */
    boolean nudgeUntil(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long nextNudge = System.nanoTime();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            if (System.nanoTime() >= nextNudge) {
                nudge();
                nextNudge = System.nanoTime() + NUDGE_EVERY.toNanos();
            }
            Thread.sleep(250);
        }
        return true;
    }

    /** {@link #awaitTrue} for a condition the operator must look again to meet: it is nudged every 3 s. */
    void awaitNudging(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        if (!nudgeUntil(condition, timeout)) {
            throw new AssertionError("not reached within " + timeout + " (operator nudged every " + NUDGE_EVERY
                    + "); events " + eventLines());
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

    /** Stops what was started, in reverse, each even if an earlier one fails. */
    private void close() {
        try (MockApiServer server = api) {
            try {
                if (operator != null) {
                    operator.stop();
                }
            } finally {
                if (kubelet != null) {
                    kubelet.close();
                }
                if (loopback != null) {
                    KubeletHosts.release();
                }
            }
        }
    }

    private static void delete(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
