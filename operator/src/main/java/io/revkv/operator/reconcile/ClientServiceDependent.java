package io.revkv.operator.reconcile;

import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.revkv.operator.resources.ClientService;
import io.revkv.operator.v1alpha1.KVCluster;

/** The client Service, kept as {@link ClientService} builds it. */
public class ClientServiceDependent extends CRUDKubernetesDependentResource<Service, KVCluster> {

    public ClientServiceDependent() {
        super(Service.class);
    }

    @Override
    protected Service desired(KVCluster kvc, Context<KVCluster> context) {
        return ClientService.desired(kvc);
    }
}
