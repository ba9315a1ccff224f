package io.revkv.operator.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.revkv.operator.member.Alarm;
import io.revkv.operator.member.GroupMember;
import io.revkv.operator.member.MemberStatusReport;
import io.revkv.operator.member.Outcome;
import io.revkv.operator.plan.Action;
import io.revkv.operator.plan.ContainerTermination;
import io.revkv.operator.plan.DefragPolicy;
import io.revkv.operator.plan.DefragSchedule;
import io.revkv.operator.plan.MemberReport;
import io.revkv.operator.plan.Observation;
import io.revkv.operator.plan.Planner;
import io.revkv.operator.plan.PodState;
import io.revkv.operator.plan.RaftMember;
import io.revkv.operator.plan.VolumeState;
import io.revkv.operator.resources.MemberPod;
import io.revkv.operator.resources.MemberStart;
import io.revkv.operator.resources.MemberVolume;
import io.revkv.operator.resources.PodHash;
import io.revkv.operator.status.StatusInput;
import io.revkv.operator.v1alpha1.KVCluster;
import io.revkv.operator.v1alpha1.KVClusterStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The reads of one reconcile, as the objects the operator itself builds, become the planner's observation. */
class ObserverTest {

    private static final long SEED_ID = 0x8e9e05c52164694dL;
    private static final long LEARNER_ID = 0x91bc3c398fb3c146L;
    private static final Instant NOW = Instant.parse("2026-03-01T03:05:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static KVCluster cluster() {
        KVCluster kvc = Serialization.unmarshal("""
                apiVersion: revkv.io/v1alpha1
                kind: KVCluster
                metadata: {name: kv, namespace: db, uid: u1, generation: 3}
                spec: {replicas: 3}
                """, KVCluster.class);
        KVClusterStatus status = new KVClusterStatus();
        status.setClusterID("cdf818194e3a8c32");
        kvc.setStatus(status);
        return kvc;
    }

    /** The seed's Pod as it runs once the cluster formed: retired, restarted as an existing member. */
    private static Pod readyPod(KVCluster kvc, String member) {
        return ready(MemberPod.desired(kvc, member, MemberStart.join(List.of(member))));
    }

    private static Pod ready(Pod pod) {
        pod.setStatus(new PodStatusBuilder().withConditions(
                new PodConditionBuilder().withType("Ready").withStatus("True").build()).build());
        return pod;
    }

    private static MemberAnswers answers() {
        GroupMember seed = new GroupMember(SEED_ID, "kv-0", List.of("http://kv-0.kv-peer.db.svc:2380"),
                List.of("http://kv-0.kv-peer.db.svc:2379"), false);
        GroupMember learner = new GroupMember(LEARNER_ID, "", List.of("http://kv-1.kv-peer.db.svc:2380"), List.of(), true);
        MemberStatusReport seedStatus = new MemberStatusReport(SEED_ID, 0xcdf818194e3a8c32L, SEED_ID, 2, 120, 120,
                40, 1 << 20, 1 << 19, false, "3.5.0", List.of());
        return new MemberAnswers(new Outcome.Ok<>(List.of(seed, learner)), new Outcome.Ok<>(List.<Alarm>of()),
                Map.of("kv-0", new Outcome.Ok<>(seedStatus), "kv-1", new Outcome.Unreachable<>("connection refused")));
    }

    @Test
    void podsVolumesAndAnswersBecomeTheObservation() {
        KVCluster kvc = cluster();
        List<Pod> pods = List.of(readyPod(kvc, "kv-0"));
        List<PersistentVolumeClaim> claims = List.of(MemberVolume.desired(kvc, "kv-0", OptionalLong.of(SEED_ID)));

        Observation o = new Observer(kvc, CLOCK).observation(pods, claims, answers());

        assertThat(o.desired().replicas()).isEqualTo(3);
        assertThat(o.clusterId()).hasValue(0xcdf818194e3a8c32L);
        assertThat(o.desired().podHash()).isEqualTo(PodHash.of(kvc));
        assertThat(o.desired().version()).isEqualTo("0.1.0");
        assertThat(o.pods()).as("the Pod's recorded hash and version: built from this spec, so current")
                .containsExactly(Map.entry("kv-0", new PodState("kv-0", true, false, PodHash.of(kvc), "0.1.0")));
        assertThat(o.volumes()).containsExactly(Map.entry("kv-0", VolumeState.of("kv-0", SEED_ID)));
        assertThat(o.membership()).hasValue(List.of(RaftMember.voter(SEED_ID, "kv-0"),
                RaftMember.learner(LEARNER_ID, "kv-1", false)));
        assertThat(o.reports()).containsExactly(Map.entry("kv-0",
                new MemberReport("kv-0", SEED_ID, 0xcdf818194e3a8c32L, SEED_ID, 120, true, 1 << 20, 1 << 19)));
        assertThat(o.now()).as("the reconciler's clock").isEqualTo(NOW);
        assertThat(o.desired().defrag()).as("no spec.defrag").isEmpty();
    }

    @Test
    void specDefragAndStatusLastDefragBecomeThePolicyAndTheLastTimes() {
        KVCluster kvc = Serialization.unmarshal("""
                apiVersion: revkv.io/v1alpha1
                kind: KVCluster
                metadata: {name: kv, namespace: db, uid: u1, generation: 3, creationTimestamp: "2026-01-01T00:00:00Z"}
                spec:
                  replicas: 3
                  quotaBackendBytes: 1000000
                  defrag: {schedule: "0 3 * * *", minFragmentationRatio: 0.3, minReclaimBytes: 1Mi, quotaUsageAbove: 0.8}
                status:
                  clusterID: cdf818194e3a8c32
                  lastDefrag:
                  - {name: kv-0, time: "2026-02-28T03:10:00Z", reason: DefragScheduled, dbSizeBefore: 9, dbSizeAfter: 3}
                """, KVCluster.class);

        Observation o = new Observer(kvc, CLOCK).observation(List.of(), List.of(), answers());

        assertThat(o.desired().defrag()).hasValue(new DefragPolicy(Optional.of(DefragSchedule.parse("0 3 * * *")),
                0.3, 1 << 20, OptionalDouble.of(0.8), 1_000_000, Instant.parse("2026-01-01T00:00:00Z")));
        assertThat(o.lastDefrag()).containsExactly(Map.entry("kv-0", Instant.parse("2026-02-28T03:10:00Z")));
    }

    @Test
    void withoutAQuotaTheStoresDefaultOf2GiBCounts() {
        KVCluster kvc = cluster();
        kvc.getSpec().setDefrag(new io.revkv.operator.v1alpha1.DefragSpec());
        kvc.getSpec().getDefrag().setQuotaUsageAbove(0.9);

        Observation o = new Observer(kvc, CLOCK).observation(List.of(), List.of(), answers());

        assertThat(o.desired().defrag().orElseThrow().quotaBytes()).isEqualTo(2L << 30);
        assertThat(o.desired().defrag().orElseThrow().minReclaimBytes()).as("100Mi, the default").isEqualTo(100L << 20);
        assertThat(o.desired().defrag().orElseThrow().schedule()).isEmpty();
    }

    @Test
    void theSeedsFirstPodIsSeenStartingANewCluster() {
        KVCluster kvc = cluster();
        Pod seed = ready(MemberPod.desired(kvc, "kv-0", MemberStart.seed("kv-0")));

        Observation o = new Observer(kvc, CLOCK).observation(List.of(seed),
                List.of(MemberVolume.desired(kvc, "kv-0", OptionalLong.of(SEED_ID))), answers());

        assertThat(o.pods()).containsExactly(Map.entry("kv-0",
                new PodState("kv-0", true, false, PodHash.of(kvc), "0.1.0", true)));
        assertThat(new Planner().next(o)).isEqualTo(new Action.RetireSeedPod("kv-0"));
    }

    @Test
    void aContainerThatRestartedIsSeenWithHowItsLastRunEnded() {
        KVCluster kvc = cluster();
        Pod pod = MemberPod.desired(kvc, "kv-0", MemberStart.join(List.of("kv-0")));
        pod.setStatus(new PodStatusBuilder().withConditions(new PodConditionBuilder().withType("Ready")
                .withStatus("False").build()).withContainerStatuses(new ContainerStatusBuilder().withName("revkv")
                .withRestartCount(3).withNewState().withNewWaiting().withReason("CrashLoopBackOff").endWaiting()
                .endState().withNewLastState().withNewTerminated().withExitCode(1)
                .withMessage("member 8e9e05c52164694d has already been bootstrapped")
                .withStartedAt("2026-03-01T03:04:00Z").withFinishedAt("2026-03-01T03:04:07Z").endTerminated()
                .endLastState().build()).build());

        Observation o = new Observer(kvc, CLOCK).observation(List.of(pod),
                List.of(MemberVolume.desired(kvc, "kv-0", OptionalLong.of(SEED_ID))), answers());

        PodState state = o.pods().get("kv-0");
        assertThat(state.ready()).isFalse();
        assertThat(state.restartCount()).isEqualTo(3);
        assertThat(state.lastTermination()).hasValue(new ContainerTermination(1,
                "member 8e9e05c52164694d has already been bootstrapped", Instant.parse("2026-03-01T03:04:00Z"),
                Instant.parse("2026-03-01T03:04:07Z")));
        assertThat(MemberPod.desired(kvc, "kv-0", MemberStart.join(List.of("kv-0"))).getSpec().getContainers().get(0))
                .as("kubelet reports what the store writes, or its log's tail when it wrote nothing")
                .satisfies(c -> assertThat(c.getTerminationMessagePath()).isEqualTo("/dev/termination-log"))
                .satisfies(c -> assertThat(c.getTerminationMessagePolicy()).isEqualTo("FallbackToLogsOnError"));
    }

    @Test
    void theUnstartedLearnerIsNamedFromItsPeerUrlSoThePlannerStartsIt() {
        KVCluster kvc = cluster();
        Observation o = new Observer(kvc, CLOCK).observation(List.of(readyPod(kvc, "kv-0")),
                List.of(MemberVolume.desired(kvc, "kv-0", OptionalLong.of(SEED_ID))), answers());

        assertThat(new Planner().next(o)).isEqualTo(new Action.StartMember("kv-1", LEARNER_ID, List.of("kv-0", "kv-1")));
    }

    @Test
    void corruptMakesAMemberUnhealthyNoSpaceDoesNotAndNoMembershipMeansNone() {
        KVCluster kvc = cluster();
        MemberAnswers corrupt = new MemberAnswers(answers().membership(),
                new Outcome.Ok<>(List.of(new Alarm(SEED_ID, "CORRUPT"))), answers().statuses());
        MemberAnswers full = new MemberAnswers(answers().membership(),
                new Outcome.Ok<>(List.of(new Alarm(SEED_ID, "NOSPACE"))), answers().statuses(), OptionalLong.of(9));
        MemberAnswers silent = new MemberAnswers(new Outcome.Unreachable<>("deadline"), answers().alarms(), Map.of());

        Observation corrupted = new Observer(kvc, CLOCK).observation(List.of(), List.of(), corrupt);
        assertThat(corrupted.reports().get("kv-0").healthy()).isFalse();
        assertThat(corrupted.alarms().corrupt()).containsExactly(SEED_ID);
        // NOSPACE leaves the member serving what reclaiming space needs: it stays healthy, the alarm is observed
        Observation filled = new Observer(kvc, CLOCK).observation(List.of(), List.of(), full);
        assertThat(filled.reports().get("kv-0").healthy()).isTrue();
        assertThat(filled.alarms().noSpace()).containsExactly(SEED_ID);
        assertThat(filled.alarms().compactRevision()).hasValue(9);
        assertThat(new Observer(kvc, CLOCK).observation(List.of(), List.of(), silent).membership()).isEmpty();
    }

    @Test
    void theStatusInputCarriesNamesReadinessAndTheGeneration() {
        KVCluster kvc = cluster();

        StatusInput in = new Observer(kvc, CLOCK).statusInput(List.of(readyPod(kvc, "kv-0")), answers(),
                OptionalLong.of(7), new Action.Done());

        assertThat(in.generation()).isEqualTo(3);
        assertThat(in.members()).extracting(StatusInput.Member::name).containsExactly("kv-0", "kv-1");
        assertThat(in.members().get(1).report()).as("kv-1 did not answer").isEmpty();
        assertThat(in.podReady()).containsExactly(Map.entry("kv-0", true));
        assertThat(in.compactRevision()).hasValue(7);
    }
}
