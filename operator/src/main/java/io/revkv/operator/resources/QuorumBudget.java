package io.revkv.operator.resources;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.revkv.operator.v1alpha1.KVCluster;

/**
 * A PodDisruptionBudget that lets a drain evict members only while a quorum stays: minAvailable is a majority of
 * spec.replicas (2 of 3, 3 of 5; 1 of 1, so a single member is never evicted voluntarily).
 */
public final class QuorumBudget {

    private QuorumBudget() {
    }

    public static PodDisruptionBudget desired(KVCluster kvc) {
        int quorum = kvc.getSpec().getReplicas() / 2 + 1;
        return new PodDisruptionBudgetBuilder()
                .withMetadata(Ownership.owned(kvc, kvc.getMetadata().getName(), null).build())
                .withNewSpec()
                .withMinAvailable(new IntOrString(quorum))
                .withNewSelector().withMatchLabels(Ownership.selector(kvc)).endSelector()
                .endSpec()
                .build();
    }
}
