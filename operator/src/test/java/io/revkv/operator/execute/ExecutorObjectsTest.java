package io.revkv.operator.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.revkv.operator.metrics.OperatorMetrics;
import io.revkv.operator.plan.Action;
import io.revkv.operator.plan.DefragPolicy;
import io.revkv.operator.plan.DefragSchedule;
import io.revkv.operator.plan.Desired;
import io.revkv.operator.plan.Observation;
import io.revkv.operator.plan.Reason;
import io.revkv.operator.resources.MemberVolume;
import io.revkv.operator.v1alpha1.KVCluster;
import io.revkv.operator.v1alpha1.KVClusterStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The executor's Kubernetes actions against the fabric8 mock server in CRUD mode: what each creates, that doing
 * it twice changes nothing, and the Event each records.
 */
@EnableKubernetesMockClient(crud = true)
class ExecutorObjectsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T10:00:00Z"), ZoneOffset.UTC);

    KubernetesClient client;

    private KVCluster kvc;
    private Executor executor;

    @BeforeEach
    void createCluster() {
        KVCluster resource = Serialization.unmarshal("""
                apiVersion: revkv.io/v1alpha1
                kind: KVCluster
                metadata: {name: kv, namespace: db}
                spec: {replicas: 3}
                """, KVCluster.class);
        kvc = client.resource(resource).create();
        executor = new Executor(client, (cluster, member) -> {
            throw new AssertionError("no member is asked for " + member);
        }, CLOCK, new OperatorMetrics(registry));
    }

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private Observation observation() {
        return Observation.empty(new Desired("kv", 3, false, false));
    }

    private Pod pod(String name) {
        return client.pods().inNamespace("db").withName(name).get();
    }

    private PersistentVolumeClaim volume(String name) {
        return client.persistentVolumeClaims().inNamespace("db").withName(name).get();
    }

    private List<Event> events() {
        return client.v1().events().inNamespace("db").list().getItems();
    }

    @Test
    void theSeedGetsAVolumeWithoutOwnerAndAPodThatStartsANewCluster() {
        Execution execution = executor.perform(kvc, observation(), new Action.CreateSeed("kv-0"));

        assertThat(execution.performed()).isTrue();
        assertThat(volume("kv-0").getMetadata().getOwnerReferences()).isNullOrEmpty();
        assertThat(MemberVolume.memberId(volume("kv-0"))).isEmpty();
        assertThat(pod("kv-0").getSpec().getContainers().get(0).getArgs())
                .contains("--initial-cluster-state=new", "--initial-cluster=kv-0=http://kv-0.kv-peer.db.svc:2380");
        assertThat(pod("kv-0").getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getUid()).isEqualTo(kvc.getMetadata().getUid()));
        assertThat(events()).singleElement().satisfies(e -> {
            assertThat(e.getReason()).isEqualTo("Bootstrap");
            assertThat(e.getType()).isEqualTo("Normal");
            assertThat(e.getMessage()).isEqualTo("seed kv-0 starts a new cluster");
            assertThat(e.getInvolvedObject().getKind()).isEqualTo("KVCluster");
        });
        assertThat(registry.get("revkv_operator_actions").tags("action", "CreateSeed", "reason", "Bootstrap",
                "outcome", "performed", "cluster", "kv", "namespace", "db").counter().count()).isEqualTo(1.0);
    }

    @Test
    void creatingTheSeedAgainChangesNothing() {
        executor.perform(kvc, observation(), new Action.CreateSeed("kv-0"));
        String podUid = pod("kv-0").getMetadata().getUid();

        Execution again = executor.perform(kvc, observation(), new Action.CreateSeed("kv-0"));

        assertThat(again.message()).isEqualTo("seed kv-0 starts a new cluster (volume existed, Pod existed)");
        assertThat(pod("kv-0").getMetadata().getUid()).isEqualTo(podUid);
        assertThat(client.pods().inNamespace("db").list().getItems()).hasSize(1);
    }

    @Test
    void latchingRecordsTheMemberOnItsVolumeAndTheClusterInTheStatus() {
        executor.perform(kvc, observation(), new Action.CreateSeed("kv-0"));

        executor.perform(kvc, observation(), new Action.LatchClusterId(0xcdf818194e3a8c32L, "kv-0", 0x8e9e05c52164694dL));

        assertThat(MemberVolume.memberId(volume("kv-0"))).hasValue(0x8e9e05c52164694dL);
        assertThat(client.resource(kvc).get().getStatus().getClusterID()).isEqualTo("cdf818194e3a8c32");
    }

    @Test
    void aJoinerStartsOnAVolumeMarkedWithItsIdAndJoinsTheExistingCluster() {
        executor.perform(kvc, observation(), new Action.StartMember("kv-1", 0x91bc3c398fb3c146L, List.of("kv-0", "kv-1")));

        assertThat(MemberVolume.memberId(volume("kv-1"))).hasValue(0x91bc3c398fb3c146L);
        assertThat(pod("kv-1").getSpec().getContainers().get(0).getArgs()).contains("--initial-cluster-state=existing",
                "--initial-cluster=kv-0=http://kv-0.kv-peer.db.svc:2380,kv-1=http://kv-1.kv-peer.db.svc:2380");
        assertThat(events()).extracting(Event::getReason).containsExactly("MemberJoining");
    }

    @Test
    void aDeletedPodComesBackOnTheVolumeItHad() {
        executor.perform(kvc, observation(), new Action.StartMember("kv-1", 0x91bc3c398fb3c146L, List.of("kv-0", "kv-1")));
        String volumeUid = volume("kv-1").getMetadata().getUid();
        client.pods().inNamespace("db").withName("kv-1").delete();

        Execution execution = executor.perform(kvc, observation(), new Action.RecreatePod("kv-1", List.of("kv-0", "kv-1")));

        assertThat(execution.message()).isEqualTo("Pod kv-1 created again on its volume");
        assertThat(pod("kv-1")).isNotNull();
        assertThat(volume("kv-1").getMetadata().getUid()).isEqualTo(volumeUid);
        assertThat(events()).extracting(Event::getReason).containsExactly("MemberJoining", "PodMissing");
    }

    @Test
    void podsAndVolumesOfFormerMembersGoOnlyWhenTold() {
        executor.perform(kvc, observation(), new Action.StartMember("kv-2", 0x102, List.of("kv-0", "kv-2")));

        executor.perform(kvc, observation(), new Action.DeletePod("kv-2"));
        assertThat(pod("kv-2")).isNull();
        assertThat(volume("kv-2")).isNotNull();

        executor.perform(kvc, observation(), new Action.DeleteVolume("kv-2"));
        assertThat(volume("kv-2")).isNull();
    }

    @Test
    void waitingAndDoneChangeNothingAndRecordNothing() {
        Execution waiting = executor.perform(kvc, observation(), new Action.Wait(Reason.SeedStarting, "waiting"));
        Execution done = executor.perform(kvc, observation(), new Action.Done());

        assertThat(waiting.performed()).isFalse();
        assertThat(done.requeueAfter()).isEqualTo(Execution.WHEN_SETTLED);
        assertThat(events()).isEmpty();
    }

    @Test
    void aSettledClusterIsLookedAtAgainJustAfterTheDefragScheduleFires() {
        DefragPolicy everyHour = new DefragPolicy(Optional.of(DefragSchedule.parse("0 * * * *")), 0.5, 0,
                OptionalDouble.empty(), 1 << 30, Instant.EPOCH);
        Observation settled = observation().withDesired(new Desired("kv", 3, false, false).withDefrag(everyHour));

        Execution soon = executor.perform(kvc, settled.at(Instant.parse("2026-01-01T10:59:50Z")), new Action.Done());
        Execution later = executor.perform(kvc, settled.at(Instant.parse("2026-01-01T10:30:00Z")), new Action.Done());

        assertThat(soon.requeueAfter()).as("the firing at 11:00, and a second").isEqualTo(Duration.ofSeconds(11));
        assertThat(later.requeueAfter()).isEqualTo(Execution.WHEN_SETTLED);
    }

    @Test
    void dataThatExceedsTheQuotaIsAWarningOnceNotOnEveryReconcile() {
        Action.Wait stuck = new Action.Wait(Reason.QuotaStillExceeded, "the data itself exceeds the quota");

        executor.perform(kvc, observation(), stuck);
        KVClusterStatus status = new KVClusterStatus();
        status.setConditions(List.of(new ConditionBuilder().withType("Progressing")
                .withStatus("True").withReason("QuotaStillExceeded").build()));
        kvc.setStatus(status);
        executor.perform(kvc, observation(), stuck);

        assertThat(events()).extracting(Event::getType, Event::getReason, Event::getMessage)
                .containsExactly(tuple("Warning", "QuotaStillExceeded",
                        "the data itself exceeds the quota"));
    }
}
