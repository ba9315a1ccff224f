package io.revkv.operator.resources;

import io.revkv.operator.v1alpha1.KVCluster;
import io.revkv.operator.v1alpha1.KVClusterSpec;

/**
 * Names and URLs of a cluster's members: member {@code kv-1} of cluster {@code kv} in namespace {@code db} is
 * {@code kv-1.kv-peer.db.svc}, its peer URL {@code http://kv-1.kv-peer.db.svc:2380} (https with peer TLS), its
 * client URL {@code http://kv-1.kv-peer.db.svc:2379} (https with client TLS).
 */
public final class Endpoints {

    public static final int CLIENT_PORT = 2379;
    public static final int PEER_PORT = 2380;
    /** Plain http /metrics, /livez and /readyz (--listen-metrics-urls), for probes whatever the client TLS. */
    public static final int PROBE_PORT = 2381;

    private final String cluster;
    private final String namespace;
    private final boolean clientTls;
    private final boolean peerTls;

    public Endpoints(KVCluster kvc) {
        KVClusterSpec spec = kvc.getSpec();
        this.cluster = kvc.getMetadata().getName();
        this.namespace = kvc.getMetadata().getNamespace();
        this.clientTls = spec.getTls() != null && spec.getTls().getClient() != null;
        this.peerTls = spec.getTls() != null && spec.getTls().getPeer() != null;
    }

    public String peerService() {
        return cluster + "-peer";
    }

    public String clientService() {
        return cluster + "-client";
    }

    public String host(String member) {
        return member + "." + peerService() + "." + namespace + ".svc";
    }

    public String peerUrl(String member) {
        return (peerTls ? "https" : "http") + "://" + host(member) + ":" + PEER_PORT;
    }

    public String clientUrl(String member) {
        return (clientTls ? "https" : "http") + "://" + host(member) + ":" + CLIENT_PORT;
    }

    public boolean clientTls() {
        return clientTls;
    }

    public boolean peerTls() {
        return peerTls;
    }
}
