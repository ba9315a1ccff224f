package io.revkv.operator.reconcile;

import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.revkv.operator.resources.QuorumBudget;
import io.revkv.operator.v1alpha1.KVCluster;

/** The quorum-keeping PodDisruptionBudget, kept as {@link QuorumBudget} builds it. */
public class QuorumBudgetDependent extends CRUDKubernetesDependentResource<PodDisruptionBudget, KVCluster> {

    public QuorumBudgetDependent() {
        super(PodDisruptionBudget.class);
    }

    @Override
    protected PodDisruptionBudget desired(KVCluster kvc, Context<KVCluster> context) {
        return QuorumBudget.desired(kvc);
    }
}
