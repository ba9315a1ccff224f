package io.revkv.operator.resources;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.revkv.operator.v1alpha1.KVCluster;

/** The Service clients use ({@code <cluster>-client:2379}): ready members only, so never one without a leader. */
public final class ClientService {

    private ClientService() {
    }

    public static Service desired(KVCluster kvc) {
        return new ServiceBuilder()
                .withMetadata(Ownership.owned(kvc, new Endpoints(kvc).clientService(), null).build())
                .withNewSpec()
                .withType("ClusterIP")
                .withSelector(Ownership.selector(kvc))
                .addNewPort().withName("client").withPort(Endpoints.CLIENT_PORT)
                .withTargetPort(new IntOrString(Endpoints.CLIENT_PORT)).endPort()
                .endSpec()
                .build();
    }
}
