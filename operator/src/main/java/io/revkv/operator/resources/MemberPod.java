package io.revkv.operator.resources;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.revkv.operator.v1alpha1.KVCluster;
import io.revkv.operator.v1alpha1.MemberPodSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One member's Pod: the store with etcd's flags, its DNS name through the peer Service (hostname and subdomain),
 * its own volume, probes on the plain-http probe port (/livez, /readyz, a startup probe long enough to replay the
 * Raft log), a non-root user on a read-only root filesystem, and a grace period long enough for a clean stop.
 * Owned by the KVCluster; the user's pod settings are applied, the operator's labels win over the user's.
 */
public final class MemberPod {

    /** The default {@link StoreImage} repository. */
    public static final String IMAGE_REPOSITORY = StoreImage.DEFAULT_REPOSITORY;
    /** The {@link PodHash} of the spec the Pod was built from: the planner rolls a Pod whose hash is not current. */
    public static final String POD_HASH_ANNOTATION = "revkv.io/pod-hash";
    /** spec.version when the Pod was built: an upgrade is allowed only by a patch or one minor step from it. */
    public static final String VERSION_ANNOTATION = "revkv.io/version";
    /** A clean stop flushes RocksDB and closes the Raft log; leadership is moved away before, by the operator. */
    static final long GRACE_SECONDS = 60;
    static final long USER = 10001;

    private MemberPod() {
    }

    /** The Pod, annotated with the hash of the spec it was built from and the version it runs. */
    public static Pod desired(KVCluster kvc, String member, MemberStart start) {
        Pod pod = unhashed(kvc, member, start);
        Map<String, String> annotations = new LinkedHashMap<>(
                pod.getMetadata().getAnnotations() == null ? Map.of() : pod.getMetadata().getAnnotations());
        annotations.put(POD_HASH_ANNOTATION, PodHash.of(kvc));
        annotations.put(VERSION_ANNOTATION, kvc.getSpec().getVersion());
        pod.getMetadata().setAnnotations(annotations);
        return pod;
    }

    /** The Pod as the spec asks, without the operator's annotations: what {@link PodHash} hashes. */
    static Pod unhashed(KVCluster kvc, String member, MemberStart start) {
        MemberPodSpec user = kvc.getSpec().getPod();
        Map<String, String> labels = new LinkedHashMap<>(user.getLabels() == null ? Map.of() : user.getLabels());
        labels.putAll(Ownership.labels(kvc, member));
        return new PodBuilder()
                .withMetadata(Ownership.owned(kvc, member, member).withLabels(labels)
                        .withAnnotations(user.getAnnotations()).build())
                .withNewSpec()
                .withHostname(member)
                .withSubdomain(new Endpoints(kvc).peerService())
                .withEnableServiceLinks(false)
                .withTerminationGracePeriodSeconds(GRACE_SECONDS)
                .withNewSecurityContext().withRunAsNonRoot(true).withRunAsUser(USER).withRunAsGroup(USER)
                .withFsGroup(USER).withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .endSecurityContext()
                .withContainers(container(kvc, member, start))
                .withVolumes(volumes(kvc, member))
                .withAffinity(user.getAffinity())
                .withTolerations(user.getTolerations())
                .withNodeSelector(user.getNodeSelector())
                .withTopologySpreadConstraints(spread(kvc, user.getTopologySpreadConstraints()))
                .withPriorityClassName(user.getPriorityClassName())
                .endSpec()
                .build();
    }

    /** Whether the Pod's store starts a new cluster on an empty data directory (the seed's first Pod). */
    public static boolean startsNewCluster(Pod pod) {
        return pod.getSpec() != null && pod.getSpec().getContainers().stream().anyMatch(c -> c.getArgs() != null
                && c.getArgs().contains("--initial-cluster-state=new"));
    }

    /** Kubernetes' default path, which the store writes when it exists (see the store's TerminationMessage). */
    public static final String TERMINATION_MESSAGE_PATH = "/dev/termination-log";

    public static String image(KVCluster kvc) {
        String image = kvc.getSpec().getImage();
        return image != null ? image : StoreImage.repository() + ":" + kvc.getSpec().getVersion();
    }

    private static Container container(KVCluster kvc, String member, MemberStart start) {
        return new ContainerBuilder()
                .withName("revkv")
                .withImage(image(kvc))
                .withArgs(MemberFlags.of(kvc, member, start))
                .addNewPort().withName("client").withContainerPort(Endpoints.CLIENT_PORT).endPort()
                .addNewPort().withName("peer").withContainerPort(Endpoints.PEER_PORT).endPort()
                .addNewPort().withName("probes").withContainerPort(Endpoints.PROBE_PORT).endPort()
                .withStartupProbe(probe("/livez", 5, 60))
                .withLivenessProbe(probe("/livez", 10, 3))
                .withReadinessProbe(probe("/readyz", 5, 3))
                .withResources(kvc.getSpec().getResources())
                .withVolumeMounts(mounts(kvc))
                // The store writes why it refused to start (an emptied data directory of a known member) to this
                // file; kubelet reports it as lastState.terminated.message, the operator's signal of data loss.
                .withTerminationMessagePath(TERMINATION_MESSAGE_PATH)
                .withTerminationMessagePolicy("FallbackToLogsOnError")
                .withNewSecurityContext().withReadOnlyRootFilesystem(true).withAllowPrivilegeEscalation(false)
                .withRunAsNonRoot(true).withNewCapabilities().withDrop("ALL").endCapabilities().endSecurityContext()
                .build();
    }

    private static Probe probe(String path, int periodSeconds, int failureThreshold) {
        return new ProbeBuilder().withNewHttpGet().withPath(path).withNewPort(Endpoints.PROBE_PORT).endHttpGet()
                .withPeriodSeconds(periodSeconds).withFailureThreshold(failureThreshold).withTimeoutSeconds(3)
                .build();
    }

    private static List<VolumeMount> mounts(KVCluster kvc) {
        List<VolumeMount> mounts = new ArrayList<>();
        mounts.add(new VolumeMountBuilder().withName("data").withMountPath("/var/lib/revkv").build());
        mounts.add(new VolumeMountBuilder().withName("tmp").withMountPath("/tmp").build());
        Endpoints endpoints = new Endpoints(kvc);
        if (endpoints.clientTls()) {
            mounts.add(new VolumeMountBuilder().withName("client-tls").withMountPath(MemberFlags.CLIENT_TLS_DIR)
                    .withReadOnly(true).build());
        }
        if (endpoints.peerTls()) {
            mounts.add(new VolumeMountBuilder().withName("peer-tls").withMountPath(MemberFlags.PEER_TLS_DIR)
                    .withReadOnly(true).build());
        }
        return mounts;
    }

    private static List<Volume> volumes(KVCluster kvc, String member) {
        List<Volume> volumes = new ArrayList<>();
        volumes.add(new VolumeBuilder().withName("data").withNewPersistentVolumeClaim().withClaimName(member)
                .endPersistentVolumeClaim().build());
        volumes.add(new VolumeBuilder().withName("tmp").withNewEmptyDir().endEmptyDir().build());
        Endpoints endpoints = new Endpoints(kvc);
        if (endpoints.clientTls()) {
            volumes.add(secret("client-tls", kvc.getSpec().getTls().getClient().getSecretName()));
        }
        if (endpoints.peerTls()) {
            volumes.add(secret("peer-tls", kvc.getSpec().getTls().getPeer().getSecretName()));
        }
        return volumes;
    }

    /** Group-readable: the files belong to root and the Pod's fsGroup, the store runs as that group. */
    private static Volume secret(String name, String secretName) {
        return new VolumeBuilder().withName(name).withNewSecret().withSecretName(secretName).withDefaultMode(0440)
                .endSecret().build();
    }

    /** The user's spread constraints, each selecting this cluster's members where it selects nothing itself. */
    private static List<TopologySpreadConstraint> spread(KVCluster kvc, List<TopologySpreadConstraint> constraints) {
        if (constraints == null) {
            return null;
        }
        return constraints.stream().map(c -> c.getLabelSelector() != null ? c
                : new TopologySpreadConstraintBuilder(c).withLabelSelector(new LabelSelectorBuilder()
                        .withMatchLabels(Ownership.selector(kvc)).build()).build()).toList();
    }
}
