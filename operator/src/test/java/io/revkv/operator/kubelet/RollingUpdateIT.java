package io.revkv.operator.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.Operator;
import io.revkv.operator.execute.DnsMemberConnector;
import io.revkv.operator.reconcile.KVClusterReconciler;
import io.revkv.operator.v1alpha1.KVCluster;
import io.revkv.operator.v1alpha1.KVClusterStatus;
import io.revkv.operator.v1alpha1.MemberStatus;
import io.revkv.operator.v1alpha1.Phase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A spec edit rolls an Available three-member cluster of real store processes: spec.compaction.retention changes,
 * every Pod is restarted once with the new flag, the leader's last after leadership moved, never two members not
 * ready at once, and the cluster ends Available with the same members.
 */
@EnableKubernetesMockClient(crud = true)
class RollingUpdateIT {

    KubernetesClient client;

    @TempDir
    Path dir;

    private FakeKubelet kubelet;
    private Operator operator;

    @BeforeEach
    void start() {
        Path jar = Path.of(System.getProperty("revkv.app.jar"));
        assertThat(jar).as("the packaged store; build it first: ./mvnw -B -pl store -am package -DskipTests")
                .isRegularFile();
        kubelet = new FakeKubelet(client, "db", dir, jar, Path.of(System.getProperty("jdk.net.hosts.file"))).start();
        operator = new Operator(o -> o.withKubernetesClient(client).withCloseClientOnStop(false)
                .withUseSSAToPatchPrimaryResource(false).withSSABasedCreateUpdateMatchForDependentResources(false));
        operator.register(new KVClusterReconciler(client, new DnsMemberConnector(client, Duration.ofSeconds(2)),
                Clock.systemUTC(), Duration.ofSeconds(1)));
        operator.start();
    }

    @AfterEach
    void stop() {
        operator.stop();
        kubelet.close();
    }

    @Test
    void aRetentionChangeRestartsEveryMemberOnceTheLeaderLast() throws Exception {
        client.resource(Serialization.unmarshal("""
                apiVersion: revkv.io/v1alpha1
                kind: KVCluster
                metadata: {name: kv, namespace: db}
                spec: {replicas: 3, compaction: {mode: Periodic, retention: 1h}}
                """, KVCluster.class)).create();
        KVClusterStatus before = awaitRunning(Duration.ofSeconds(240));
        String leader = before.getMembers().stream().filter(m -> m.getRole() == MemberStatus.Role.Leader)
                .findFirst().orElseThrow().getName();
        Map<String, String> uids = uids();

        client.resources(KVCluster.class).inNamespace("db").withName("kv").edit(k -> {
            k.getSpec().getCompaction().setRetention("2h");
            return k;
        });
        List<String> restartOrder = new ArrayList<>();
        int mostNotReady = watchRoll(uids, restartOrder, Duration.ofSeconds(300));
        KVClusterStatus after = awaitRunning(Duration.ofSeconds(120));

        assertThat(restartOrder).as("every Pod restarted once, the leader's last").hasSize(3).doesNotHaveDuplicates()
                .last().isEqualTo(leader);
        assertThat(mostNotReady).as("never two members down").isLessThanOrEqualTo(1);
        for (Pod pod : client.pods().inNamespace("db").list().getItems()) {
            assertThat(pod.getSpec().getContainers().get(0).getArgs()).contains("--auto-compaction-retention=2h");
        }
        assertThat(after.getMembers()).extracting(MemberStatus::getName, MemberStatus::getId)
                .containsExactlyElementsOf(before.getMembers().stream()
                        .map(m -> org.assertj.core.groups.Tuple.tuple(m.getName(), m.getId())).toList());
        List<Event> roll = events().stream().filter(e -> List.of("MemberOutdated", "LeaderLast").contains(e.getReason()))
                .toList();
        roll.forEach(e -> System.out.println(e.getFirstTimestamp() + " " + e.getReason() + ": " + e.getMessage()));
        assertThat(roll).extracting(Event::getReason).containsOnlyOnce("LeaderLast")
                .filteredOn("MemberOutdated"::equals).hasSize(3);
        Event moved = roll.stream().filter(e -> e.getReason().equals("LeaderLast")).findFirst().orElseThrow();
        assertThat(moved.getMessage()).startsWith("leadership moved from " + leader + " to ");
        Event leaderRestart = roll.stream().filter(e -> e.getMessage().startsWith("Pod " + leader + " deleted"))
                .findFirst().orElseThrow();
        assertThat(roll.stream().filter(e -> e != leaderRestart && e != moved))
                .as("the followers' restarts are recorded before leadership moved")
                .allMatch(e -> !time(e).isAfter(time(moved)));
        assertThat(time(leaderRestart)).isAfterOrEqualTo(time(moved));
    }

    /** Polls the Pods until each was replaced: the order they were, and the most members down at once. */
    private int watchRoll(Map<String, String> uids, List<String> order, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int mostNotReady = 0;
        Set<String> servedAgain = new HashSet<>();
        while (order.size() < uids.size()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("restarted only " + order + " within " + timeout + "; events "
                        + events().stream().map(e -> e.getReason() + ": " + e.getMessage()).toList());
            }
            Map<String, String> now = uids();
            // down: taken down by the roll (gone, or replaced and not ready since). A Pod that is briefly not ready
            // after it served again, or that was never restarted (/readyz fails for a moment while leadership moves),
            // is counted in the cluster's status, not here.
            for (String name : uids.keySet()) {
                if (now.get(name) != null && !now.get(name).equals(uids.get(name)) && ready(name)) {
                    servedAgain.add(name);
                }
            }
            int notReady = (int) uids.keySet().stream().filter(name -> now.get(name) == null
                    || (!now.get(name).equals(uids.get(name)) && !servedAgain.contains(name))).count();
            mostNotReady = Math.max(mostNotReady, notReady);
            for (String name : uids.keySet()) {
                if (!order.contains(name) && (now.get(name) == null || !now.get(name).equals(uids.get(name)))) {
                    order.add(name);
                }
            }
            Thread.sleep(100);
        }
        return mostNotReady;
    }

    private boolean ready(String name) {
        Pod pod = client.pods().inNamespace("db").withName(name).get();
        return pod != null && pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus()
                .getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private Map<String, String> uids() {
        Map<String, String> uids = new HashMap<>();
        client.pods().inNamespace("db").list().getItems()
                .forEach(p -> uids.put(p.getMetadata().getName(), p.getMetadata().getUid()));
        return uids;
    }

    private KVClusterStatus awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            KVCluster kvc = client.resources(KVCluster.class).inNamespace("db").withName("kv").get();
            KVClusterStatus s = kvc == null ? null : kvc.getStatus();
            if (s != null && s.getPhase() == Phase.Running && s.getReadyReplicas() != null && s.getReadyReplicas() == 3
                    && s.getConditions().stream().anyMatch(c -> "Available".equals(c.getType())
                    && "True".equals(c.getStatus()))) {
                return s;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("not Running with 3 ready voters within " + timeout + "; events "
                + events().stream().map(e -> e.getReason() + ": " + e.getMessage()).toList());
    }

    private List<Event> events() {
        return client.v1().events().inNamespace("db").list().getItems().stream()
                .sorted(Comparator.comparing(RollingUpdateIT::time)).toList();
    }

    private static Instant time(Event e) {
        return Instant.parse(e.getFirstTimestamp());
    }
}
