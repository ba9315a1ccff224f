package io.revkv.operator.resources;

import io.revkv.operator.v1alpha1.ClientTlsSpec;
import io.revkv.operator.v1alpha1.KVCluster;
import io.revkv.operator.v1alpha1.KVClusterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** etcd's flags for one member, from the spec: the store takes them as etcd does. */
public final class MemberFlags {

    public static final String DATA_DIR = "/var/lib/revkv/data";
    static final String CLIENT_TLS_DIR = "/etc/revkv/tls/client";
    static final String PEER_TLS_DIR = "/etc/revkv/tls/peer";

    private MemberFlags() {
    }

    public static List<String> of(KVCluster kvc, String member, MemberStart start) {
        KVClusterSpec spec = kvc.getSpec();
        Endpoints endpoints = new Endpoints(kvc);
        List<String> flags = new ArrayList<>();
        flags.add("--name=" + member);
        flags.add("--data-dir=" + DATA_DIR);
        flags.add("--listen-client-urls=" + scheme(endpoints.clientTls()) + "://0.0.0.0:" + Endpoints.CLIENT_PORT);
        flags.add("--advertise-client-urls=" + endpoints.clientUrl(member));
        flags.add("--listen-peer-urls=" + scheme(endpoints.peerTls()) + "://0.0.0.0:" + Endpoints.PEER_PORT);
        flags.add("--initial-advertise-peer-urls=" + endpoints.peerUrl(member));
        flags.add("--listen-metrics-urls=http://0.0.0.0:" + Endpoints.PROBE_PORT);
        flags.add("--initial-cluster=" + start.initialCluster().stream().map(m -> m + "=" + endpoints.peerUrl(m))
                .collect(Collectors.joining(",")));
        flags.add("--initial-cluster-state=" + (start.newCluster() ? "new" : "existing"));
        flags.add("--initial-cluster-token=" + kvc.getMetadata().getName() + "-" + kvc.getMetadata().getUid());
        flags.add("--auto-compaction-mode=" + spec.getCompaction().getMode().name().toLowerCase(Locale.ROOT));
        flags.add("--auto-compaction-retention=" + spec.getCompaction().getRetention());
        flags.add("--snapshot-count=" + spec.getSnapshotCount());
        if (spec.getQuotaBackendBytes() != null && spec.getQuotaBackendBytes() > 0) {
            flags.add("--quota-backend-bytes=" + spec.getQuotaBackendBytes());
        }
        if (endpoints.clientTls()) {
            flags.addAll(clientTls(spec.getTls().getClient()));
        }
        if (endpoints.peerTls()) {
            flags.addAll(List.of("--peer-cert-file=" + PEER_TLS_DIR + "/tls.crt",
                    "--peer-key-file=" + PEER_TLS_DIR + "/tls.key",
                    "--peer-trusted-ca-file=" + PEER_TLS_DIR + "/ca.crt", "--peer-client-cert-auth"));
        }
        return flags;
    }

    private static List<String> clientTls(ClientTlsSpec tls) {
        List<String> flags = new ArrayList<>(List.of("--cert-file=" + CLIENT_TLS_DIR + "/tls.crt",
                "--key-file=" + CLIENT_TLS_DIR + "/tls.key", "--trusted-ca-file=" + CLIENT_TLS_DIR + "/ca.crt"));
        if (Boolean.TRUE.equals(tls.getClientCertAuth())) {
            flags.add("--client-cert-auth");
        }
        return flags;
    }

    private static String scheme(boolean tls) {
        return tls ? "https" : "http";
    }
}
