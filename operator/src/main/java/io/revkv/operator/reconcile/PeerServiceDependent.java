package io.revkv.operator.reconcile;

import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.revkv.operator.resources.PeerService;
import io.revkv.operator.v1alpha1.KVCluster;

/** The headless peer Service, kept as {@link PeerService} builds it. */
public class PeerServiceDependent extends CRUDKubernetesDependentResource<Service, KVCluster> {

    public PeerServiceDependent() {
        super(Service.class);
    }

    @Override
    protected Service desired(KVCluster kvc, Context<KVCluster> context) {
        return PeerService.desired(kvc);
    }
}
