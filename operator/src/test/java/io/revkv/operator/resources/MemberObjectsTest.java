package io.revkv.operator.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.revkv.operator.v1alpha1.KVCluster;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The objects a KVCluster owns, as the operator builds them. */
class MemberObjectsTest {

    @Test
    void aMemberPodIsNamedResolvableOwnedAndLockedDown() {
        Pod pod = MemberPod.desired(Clusters.minimal(), "example-1", MemberStart.join(List.of("example-0", "example-1")));

        assertThat(pod.getMetadata().getName()).isEqualTo("example-1");
        assertThat(pod.getMetadata().getLabels()).containsEntry("revkv.io/cluster", "example")
                .containsEntry("revkv.io/member", "example-1");
        assertThat(pod.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getKind()).isEqualTo("KVCluster"))
                .satisfies(o -> assertThat(o.getController()).isTrue());
        assertThat(pod.getSpec().getHostname()).isEqualTo("example-1");
        assertThat(pod.getSpec().getSubdomain()).isEqualTo("example-peer");
        assertThat(pod.getSpec().getTerminationGracePeriodSeconds()).isEqualTo(60);
        assertThat(pod.getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
        Container store = pod.getSpec().getContainers().get(0);
        assertThat(store.getImage()).isEqualTo("ghcr.io/revkv/revkv:0.1.0");
        assertThat(store.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(store.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(store.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(store.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/livez");
        assertThat(store.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
        assertThat(store.getReadinessProbe().getHttpGet().getPort().getIntVal()).isEqualTo(2381);
        assertThat(store.getStartupProbe().getFailureThreshold() * store.getStartupProbe().getPeriodSeconds())
                .as("seconds a restart may take to replay its log").isGreaterThanOrEqualTo(300);
        assertThat(store.getVolumeMounts()).extracting(v -> v.getMountPath()).containsExactly("/var/lib/revkv", "/tmp");
        assertThat(pod.getSpec().getVolumes()).extracting(Volume::getName).containsExactly("data", "tmp");
        assertThat(pod.getSpec().getVolumes().get(0).getPersistentVolumeClaim().getClaimName()).isEqualTo("example-1");
    }

    @Test
    void theUsersPodSettingsApplyButNotOverTheOperatorsLabels() {
        KVCluster full = Clusters.full();
        full.getSpec().getPod().getLabels().put("revkv.io/member", "spoofed");

        Pod pod = MemberPod.desired(full, "orders-0", MemberStart.seed("orders-0"));

        assertThat(pod.getMetadata().getLabels()).containsEntry("team", "payments")
                .containsEntry("revkv.io/member", "orders-0");
        assertThat(pod.getMetadata().getAnnotations()).containsEntry("prometheus.io/port", "2381");
        assertThat(pod.getSpec().getContainers().get(0).getImage()).isEqualTo("registry.example.com/mirror/revkv:0.1.0");
        assertThat(pod.getSpec().getContainers().get(0).getResources().getLimits()).containsKey("memory");
        assertThat(pod.getSpec().getAffinity().getPodAntiAffinity()).isNotNull();
        assertThat(pod.getSpec().getTolerations()).singleElement().satisfies(t -> assertThat(t.getKey()).isEqualTo("dedicated"));
        assertThat(pod.getSpec().getNodeSelector()).containsEntry("kubernetes.io/os", "linux");
        assertThat(pod.getSpec().getPriorityClassName()).isEqualTo("kv-critical");
        assertThat(pod.getSpec().getTopologySpreadConstraints()).singleElement()
                .satisfies(c -> assertThat(c.getLabelSelector().getMatchLabels()).containsEntry("revkv.io/cluster", "orders"));
        assertThat(pod.getSpec().getVolumes()).extracting(Volume::getName).containsExactly("data", "tmp", "client-tls", "peer-tls");
        assertThat(pod.getSpec().getVolumes().get(2).getSecret().getSecretName()).isEqualTo("orders-client-tls");
        assertThat(pod.getSpec().getVolumes().get(3).getSecret().getSecretName()).isEqualTo("orders-peer-tls");
    }

    @Test
    void aVolumeOutlivesItsClusterAndNamesItsMember() {
        PersistentVolumeClaim claim = MemberVolume.desired(Clusters.full(), "orders-3", OptionalLong.of(0x8e9e05c52164694dL));

        assertThat(claim.getMetadata().getOwnerReferences()).as("never deleted by cascade").isNullOrEmpty();
        assertThat(claim.getMetadata().getAnnotations()).containsEntry("revkv.io/member-id", "8e9e05c52164694d");
        assertThat(MemberVolume.memberId(claim)).hasValue(0x8e9e05c52164694dL);
        assertThat(claim.getSpec().getStorageClassName()).isEqualTo("fast-ssd");
        assertThat(claim.getSpec().getResources().getRequests().get("storage").toString()).isEqualTo("20Gi");
        assertThat(claim.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
    }

    @Test
    void aSeedVolumeHasNoMemberIdUntilTheClusterFormed() {
        PersistentVolumeClaim claim = MemberVolume.desired(Clusters.minimal(), "example-0", OptionalLong.empty());

        assertThat(MemberVolume.memberId(claim)).isEmpty();
        assertThat(claim.getSpec().getStorageClassName()).as("the cluster's default class").isNull();
    }

    @Test
    void servicesPublishMembersAndTheBudgetKeepsAQuorum() {
        KVCluster full = Clusters.full();

        Service peer = PeerService.desired(full);
        Service client = ClientService.desired(full);
        PodDisruptionBudget budget = QuorumBudget.desired(full);

        assertThat(peer.getMetadata().getName()).isEqualTo("orders-peer");
        assertThat(peer.getSpec().getClusterIP()).isEqualTo("None");
        assertThat(peer.getSpec().getPublishNotReadyAddresses()).isTrue();
        assertThat(client.getMetadata().getName()).isEqualTo("orders-client");
        assertThat(client.getSpec().getPublishNotReadyAddresses()).isNull();
        assertThat(client.getSpec().getSelector()).containsExactly(java.util.Map.entry("revkv.io/cluster", "orders"));
        assertThat(budget.getSpec().getMinAvailable().getIntVal()).as("3 of 5").isEqualTo(3);
        assertThat(QuorumBudget.desired(Clusters.minimal()).getSpec().getMinAvailable().getIntVal()).as("2 of 3").isEqualTo(2);
    }
}
