package io.revkv.operator.execute;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.revkv.operator.resources.MemberPod;
import io.revkv.operator.resources.MemberStart;
import io.revkv.operator.resources.MemberVolume;
import io.revkv.operator.v1alpha1.KVCluster;
import io.revkv.operator.v1alpha1.KVClusterStatus;
import java.util.List;
import java.util.OptionalLong;

/** The actions that create or delete a member's Pod and volume, or latch the cluster ID; each idempotent. */
final class ObjectActions {

    private final KubernetesClient kubernetes;

    ObjectActions(KubernetesClient kubernetes) {
        this.kubernetes = kubernetes;
    }

    Execution createSeed(KVCluster kvc, String member) {
        boolean volume = createIfAbsent(MemberVolume.desired(kvc, member, OptionalLong.empty()));
        boolean pod = createIfAbsent(MemberPod.desired(kvc, member, MemberStart.seed(member)));
        return Execution.done("seed " + member + " starts a new cluster" + created(volume, pod));
    }

    Execution startMember(KVCluster kvc, String member, long memberId, List<String> initialCluster) {
        boolean volume = createIfAbsent(MemberVolume.desired(kvc, member, OptionalLong.of(memberId)));
        boolean pod = createIfAbsent(MemberPod.desired(kvc, member, MemberStart.join(initialCluster)));
        return Execution.done("member " + member + " (" + Long.toHexString(memberId) + ") starts and joins "
                + String.join(",", initialCluster) + created(volume, pod));
    }

    Execution recreatePod(KVCluster kvc, String member, List<String> initialCluster) {
        boolean pod = createIfAbsent(MemberPod.desired(kvc, member, MemberStart.join(initialCluster)));
        return Execution.done("Pod " + member + (pod ? " created again" : " already exists") + " on its volume");
    }

    /** The seed's volume gets its member ID first, then the status its cluster ID: a crash between is repaired. */
    Execution latch(KVCluster kvc, long clusterId, String member, long memberId) {
        kubernetes.persistentVolumeClaims().inNamespace(kvc.getMetadata().getNamespace()).withName(member)
                .edit(claim -> annotate(claim, memberId));
        KVCluster latest = kubernetes.resource(kvc).get();
        if (latest.getStatus() == null) {
            latest.setStatus(new KVClusterStatus());
        }
        latest.getStatus().setClusterID(Long.toHexString(clusterId));
        kubernetes.resource(latest).updateStatus();
        return Execution.done("cluster " + Long.toHexString(clusterId) + " formed by " + member + " ("
                + Long.toHexString(memberId) + ")");
    }

    Execution deletePod(KVCluster kvc, String member) {
        kubernetes.pods().inNamespace(kvc.getMetadata().getNamespace()).withName(member).delete();
        return Execution.done("Pod " + member + " deleted: " + member + " is no longer a member");
    }

    /** The Pod goes; the planner creates it again (a missing Pod) with the current spec, on the same volume. */
    Execution restartPod(KVCluster kvc, String member, String podHash) {
        kubernetes.pods().inNamespace(kvc.getMetadata().getNamespace()).withName(member).delete();
        return Execution.done("Pod " + member + " deleted to restart it with the current spec (pod hash " + podHash
                + "), keeping its volume and member ID");
    }

    /** Deletes a replaced member's volume; Kubernetes keeps the claim (Terminating) until its Pod is gone. */
    void deleteLostVolume(KVCluster kvc, String member) {
        kubernetes.persistentVolumeClaims().inNamespace(kvc.getMetadata().getNamespace()).withName(member).delete();
    }

    /** Deletes a replaced member's Pod, which also releases its volume. */
    void deleteReplacedPod(KVCluster kvc, String member) {
        kubernetes.pods().inNamespace(kvc.getMetadata().getNamespace()).withName(member).delete();
    }

    Execution retireSeedPod(KVCluster kvc, String member) {
        kubernetes.pods().inNamespace(kvc.getMetadata().getNamespace()).withName(member).delete();
        return Execution.done("Pod " + member + " deleted: it started the cluster with --initial-cluster-state new "
                + "and comes back as an existing member, so that an emptied volume can never bootstrap a new cluster");
    }

    Execution deleteVolume(KVCluster kvc, String member) {
        kubernetes.persistentVolumeClaims().inNamespace(kvc.getMetadata().getNamespace()).withName(member).delete();
        return Execution.done("volume " + member + " deleted, as storage.retentionPolicy.whenScaled says");
    }

    private boolean createIfAbsent(HasMetadata object) {
        if (kubernetes.resource(object).get() != null) {
            return false;
        }
        kubernetes.resource(object).create();
        return true;
    }

    private static PersistentVolumeClaim annotate(PersistentVolumeClaim claim, long memberId) {
        if (claim.getMetadata().getAnnotations() == null) {
            claim.getMetadata().setAnnotations(new java.util.HashMap<>());
        }
        claim.getMetadata().getAnnotations().put(MemberVolume.MEMBER_ID_ANNOTATION, Long.toHexString(memberId));
        return claim;
    }

    private static String created(boolean volume, boolean pod) {
        return volume && pod ? "" : " (" + (volume ? "" : "volume existed") + (!volume && !pod ? ", " : "")
                + (pod ? "" : "Pod existed") + ")";
    }
}
