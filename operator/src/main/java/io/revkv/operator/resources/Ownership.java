package io.revkv.operator.resources;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.revkv.operator.Labels;
import io.revkv.operator.v1alpha1.KVCluster;
import java.util.LinkedHashMap;
import java.util.Map;

/** Labels and owner references common to what a KVCluster owns. */
final class Ownership {

    private Ownership() {
    }

    /** The recommended app labels and the operator's selector labels (member may be null for cluster-wide objects). */
    static Map<String, String> labels(KVCluster kvc, String member) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/name", "revkv");
        labels.put("app.kubernetes.io/instance", kvc.getMetadata().getName());
        labels.put("app.kubernetes.io/managed-by", "revkv-operator");
        labels.put(Labels.CLUSTER, kvc.getMetadata().getName());
        if (member != null) {
            labels.put(Labels.MEMBER, member);
        }
        return labels;
    }

    static Map<String, String> selector(KVCluster kvc) {
        return Map.of(Labels.CLUSTER, kvc.getMetadata().getName());
    }

    /** The KVCluster as controller owner: the object is deleted with it. */
    static OwnerReference owner(KVCluster kvc) {
        return new OwnerReferenceBuilder().withApiVersion(kvc.getApiVersion()).withKind(kvc.getKind())
                .withName(kvc.getMetadata().getName()).withUid(kvc.getMetadata().getUid())
                .withController(true).withBlockOwnerDeletion(true).build();
    }

    static ObjectMetaBuilder owned(KVCluster kvc, String name, String member) {
        return new ObjectMetaBuilder().withName(name).withNamespace(kvc.getMetadata().getNamespace())
                .withLabels(labels(kvc, member)).withOwnerReferences(owner(kvc));
    }
}
