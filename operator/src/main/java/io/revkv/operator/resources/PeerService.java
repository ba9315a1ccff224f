package io.revkv.operator.resources;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.revkv.operator.v1alpha1.KVCluster;

/**
 * The headless Service that gives each member its DNS name ({@code <member>.<cluster>-peer}). It publishes
 * not-ready addresses: a member joining, or a cluster without a leader, must resolve its peers before any is ready.
 */
public final class PeerService {

    private PeerService() {
    }

    public static Service desired(KVCluster kvc) {
        Endpoints endpoints = new Endpoints(kvc);
        return new ServiceBuilder()
                .withMetadata(Ownership.owned(kvc, endpoints.peerService(), null).build())
                .withNewSpec()
                .withClusterIP("None")
                .withPublishNotReadyAddresses(true)
                .withSelector(Ownership.selector(kvc))
                .addNewPort().withName("client").withPort(Endpoints.CLIENT_PORT).endPort()
                .addNewPort().withName("peer").withPort(Endpoints.PEER_PORT).endPort()
                .endSpec()
                .build();
    }
}
