package io.revkv.operator.resources;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.revkv.operator.v1alpha1.KVCluster;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A member's data volume, named as the member. It has no owner reference: deleting the KVCluster or the Pod never
 * deletes it; only the operator does, where the retention policy says Delete. The member ID recorded on it ties it
 * to one member, so a recreated (empty) claim is recognized as data loss, never taken for that member's data.
 */
public final class MemberVolume {

    /** The Raft member ID (hex) whose data the volume holds. */
    public static final String MEMBER_ID_ANNOTATION = "revkv.io/member-id";

    private MemberVolume() {
    }

    public static PersistentVolumeClaim desired(KVCluster kvc, String member, OptionalLong memberId) {
        ObjectMetaBuilder metadata = new ObjectMetaBuilder().withName(member)
                .withNamespace(kvc.getMetadata().getNamespace()).withLabels(Ownership.labels(kvc, member));
        memberId.ifPresent(id -> metadata.withAnnotations(Map.of(MEMBER_ID_ANNOTATION, Long.toHexString(id))));
        return new PersistentVolumeClaimBuilder()
                .withMetadata(metadata.build())
                .withNewSpec()
                .withAccessModes("ReadWriteOnce")
                .withStorageClassName(kvc.getSpec().getStorage().getStorageClassName())
                .withNewResources().withRequests(Map.of("storage", new Quantity(kvc.getSpec().getStorage().getSize())))
                .endResources()
                .endSpec()
                .build();
    }

    /** The member ID recorded on a claim, if any. */
    public static OptionalLong memberId(PersistentVolumeClaim claim) {
        Map<String, String> annotations = claim.getMetadata().getAnnotations();
        String id = annotations == null ? null : annotations.get(MEMBER_ID_ANNOTATION);
        return id == null ? OptionalLong.empty() : OptionalLong.of(Long.parseUnsignedLong(id, 16));
    }
}
