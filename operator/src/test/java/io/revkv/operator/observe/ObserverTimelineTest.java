package io.revkv.operator.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.revkv.operator.plan.Observation;
import io.revkv.operator.resources.MemberPod;
import io.revkv.operator.resources.MemberStart;
import io.revkv.operator.v1alpha1.DefragRecord;
import io.revkv.operator.v1alpha1.KVCluster;
import io.revkv.operator.v1alpha1.KVClusterStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The start of each step, as Kubernetes recorded it, becomes the observation's timeline: Pods' creationTimestamp
 * and Ready lastTransitionTime (kubelet times, with or without fractions), and status.lastDefrag[].failedTime.
 */
class ObserverTimelineTest {

    private static final Instant NOW = Instant.parse("2026-03-01T03:05:00Z");

    private static KVCluster cluster() {
        KVCluster kvc = Serialization.unmarshal("""
                apiVersion: revkv.io/v1alpha1
                kind: KVCluster
                metadata: {name: kv, namespace: db, uid: u1, generation: 3}
                spec: {replicas: 3}
                """, KVCluster.class);
        KVClusterStatus status = new KVClusterStatus();
        status.setClusterID("cdf818194e3a8c32");
        DefragRecord failedAfterSuccess = new DefragRecord("kv-1", "2026-02-28T03:10:00Z", "DefragScheduled", 9L, 3L, 3L);
        failedAfterSuccess.setFailedTime("2026-03-01T03:01:00Z");
        failedAfterSuccess.setFailure("Unreachable[cause=DEADLINE_EXCEEDED]");
        status.setLastDefrag(List.of(failedAfterSuccess,
                new DefragRecord("kv-2", "2026-02-28T03:12:00Z", "DefragScheduled", 8L, 2L, 2L)));
        kvc.setStatus(status);
        return kvc;
    }

    private static Pod pod(KVCluster kvc, String member, String created, String readyStatus, String readyChanged) {
        Pod pod = MemberPod.desired(kvc, member, MemberStart.join(List.of(member)));
        pod.getMetadata().setCreationTimestamp(created);
        if (readyStatus != null) {
            pod.setStatus(new PodStatusBuilder().withConditions(new PodConditionBuilder().withType("Ready")
                    .withStatus(readyStatus).withLastTransitionTime(readyChanged).build()).build());
        }
        return pod;
    }

    @Test
    void podTimesAndFailedDefragmentationsBecomeTheTimeline() {
        KVCluster kvc = cluster();
        List<Pod> pods = List.of(
                pod(kvc, "kv-0", "2026-03-01T02:00:00Z", "True", "2026-03-01T02:00:30Z"),
                pod(kvc, "kv-1", "2026-03-01T02:50:00.250Z", "False", null),
                pod(kvc, "kv-2", null, "False", "2026-03-01T02:59:00Z"));

        Observation o = new Observer(kvc, Clock.fixed(NOW, ZoneOffset.UTC)).observation(pods, List.of(),
                MemberAnswers.none());

        assertThat(o.timeline().podCreated()).as("a Pod without a creationTimestamp is not timed")
                .containsOnly(Map.entry("kv-0", Instant.parse("2026-03-01T02:00:00Z")),
                        Map.entry("kv-1", Instant.parse("2026-03-01T02:50:00.250Z")));
        assertThat(o.timeline().readinessChanged()).as("no transition time: timed from its creation")
                .containsOnly(Map.entry("kv-0", Instant.parse("2026-03-01T02:00:30Z")),
                        Map.entry("kv-1", Instant.parse("2026-03-01T02:50:00.250Z")));
        assertThat(o.timeline().defragFailed()).as("only a record with a failure")
                .containsOnly(Map.entry("kv-1", Instant.parse("2026-03-01T03:01:00Z")));
        assertThat(o.lastDefrag()).as("the last successes still count for the schedule")
                .containsOnly(Map.entry("kv-1", Instant.parse("2026-02-28T03:10:00Z")),
                        Map.entry("kv-2", Instant.parse("2026-02-28T03:12:00Z")));
    }
}
