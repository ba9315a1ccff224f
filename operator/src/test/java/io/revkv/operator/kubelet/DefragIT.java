package io.revkv.operator.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.Operator;
import io.revkv.operator.execute.DnsMemberConnector;
import io.revkv.operator.reconcile.KVClusterReconciler;
import io.revkv.operator.v1alpha1.DefragRecord;
import io.revkv.operator.v1alpha1.DefragSpec;
import io.revkv.operator.v1alpha1.KVCluster;
import io.revkv.operator.v1alpha1.KVClusterStatus;
import io.revkv.operator.v1alpha1.MemberStatus;
import io.revkv.operator.v1alpha1.Phase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scheduled defragmentation of an Available three-member cluster of real store processes: spec.defrag gets a
 * schedule that fires once, the next minute (UTC), with no thresholds; each member is defragmented once, the
 * followers first, the leader last after leadership moved away, the Events in that order, and status.lastDefrag
 * holds every member's sizes before and after.
 */
@EnableKubernetesMockClient(crud = true)
class DefragIT {

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
    void aScheduleDefragmentsEachMemberOnceTheLeaderLast() throws Exception {
        client.resource(Serialization.unmarshal("""
                apiVersion: revkv.io/v1alpha1
                kind: KVCluster
                metadata: {name: kv, namespace: db}
                spec: {replicas: 3}
                """, KVCluster.class)).create();
        KVClusterStatus before = awaitRunning(Duration.ofSeconds(240));
        String leader = before.getMembers().stream().filter(m -> m.getRole() == MemberStatus.Role.Leader)
                .findFirst().orElseThrow().getName();

        // Once a year, at the next minute: the pass happens once, and only after this edit.
        ZonedDateTime next = ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        String schedule = next.getMinute() + " " + next.getHour() + " " + next.getDayOfMonth() + " "
                + next.getMonthValue() + " *";
        client.resources(KVCluster.class).inNamespace("db").withName("kv").edit(k -> {
            DefragSpec defrag = new DefragSpec();
            defrag.setSchedule(schedule);
            defrag.setMinFragmentationRatio(0.0);
            defrag.setMinReclaimBytes("0");
            defrag.setTimeout("30s");
            k.getSpec().setDefrag(defrag);
            return k;
        });
        List<DefragRecord> records = awaitDefragmented(3, Duration.ofSeconds(150));

        List<Event> pass = events().stream()
                .filter(e -> List.of("DefragScheduled", "DefragLeaderLast").contains(e.getReason())).toList();
        pass.forEach(e -> System.out.println(e.getFirstTimestamp() + " " + e.getType() + " " + e.getReason() + ": "
                + e.getMessage()));
        assertThat(pass).extracting(Event::getType).containsOnly("Normal");
        List<Event> defrags = pass.stream().filter(e -> e.getReason().equals("DefragScheduled")).toList();
        assertThat(defrags).as("each member once").hasSize(3)
                .extracting(e -> e.getMessage().substring(0, e.getMessage().indexOf(' ')))
                .doesNotHaveDuplicates().containsExactlyInAnyOrder("kv-0", "kv-1", "kv-2");
        Event moved = pass.stream().filter(e -> e.getReason().equals("DefragLeaderLast")).findFirst().orElseThrow();
        assertThat(pass).filteredOn(e -> e.getReason().equals("DefragLeaderLast")).hasSize(1);
        assertThat(moved.getMessage()).startsWith("leadership moved from " + leader + " to ");
        Event leaderDefrag = defrags.stream().filter(e -> e.getMessage().startsWith(leader + " ")).findFirst()
                .orElseThrow();
        assertThat(time(leaderDefrag)).as("the leader after leadership moved").isAfterOrEqualTo(time(moved));
        assertThat(defrags.stream().filter(e -> e != leaderDefrag))
                .as("the followers before leadership moved").allMatch(e -> !time(e).isAfter(time(moved)));
        assertThat(records).extracting(DefragRecord::getName).containsExactly("kv-0", "kv-1", "kv-2");
        assertThat(records).allSatisfy(r -> {
            assertThat(r.getReason()).isEqualTo("DefragScheduled");
            assertThat(r.getDbSizeBefore()).isPositive();
            assertThat(r.getDbSizeAfter()).isPositive();
            assertThat(Instant.parse(r.getTime())).isAfterOrEqualTo(next.toInstant());
        });
        assertThat(awaitRunning(Duration.ofSeconds(60)).getMembers()).extracting(MemberStatus::getName)
                .containsExactly("kv-0", "kv-1", "kv-2");
    }

    private List<DefragRecord> awaitDefragmented(int members, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            KVClusterStatus s = client.resources(KVCluster.class).inNamespace("db").withName("kv").get().getStatus();
            if (s != null && s.getLastDefrag() != null && s.getLastDefrag().size() == members) {
                return s.getLastDefrag();
            }
            Thread.sleep(500);
        }
        throw new AssertionError("not " + members + " members defragmented within " + timeout + "; events "
                + events().stream().map(e -> e.getReason() + ": " + e.getMessage()).toList());
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
                .sorted(Comparator.comparing(DefragIT::time)).toList();
    }

    private static Instant time(Event e) {
        return Instant.parse(e.getFirstTimestamp());
    }
}
