package io.revkv.operator.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MemberFlagsTest {

    @Test
    void theSeedOfAMinimalClusterStartsANewClusterOfItselfInPlainText() {
        assertThat(MemberFlags.of(Clusters.minimal(), "example-0", MemberStart.seed("example-0"))).containsExactly(
                "--name=example-0",
                "--data-dir=/var/lib/revkv/data",
                "--listen-client-urls=http://0.0.0.0:2379",
                "--advertise-client-urls=http://example-0.example-peer.db.svc:2379",
                "--listen-peer-urls=http://0.0.0.0:2380",
                "--initial-advertise-peer-urls=http://example-0.example-peer.db.svc:2380",
                "--listen-metrics-urls=http://0.0.0.0:2381",
                "--initial-cluster=example-0=http://example-0.example-peer.db.svc:2380",
                "--initial-cluster-state=new",
                "--initial-cluster-token=example-0f1e",
                "--auto-compaction-mode=periodic",
                "--auto-compaction-retention=1h",
                "--snapshot-count=100000");
    }

    @Test
    void aJoinerOfTheFullClusterJoinsTheExistingOneOverTls() {
        List<String> flags = MemberFlags.of(Clusters.full(), "orders-2",
                MemberStart.join(List.of("orders-0", "orders-1", "orders-2")));

        assertThat(flags).contains(
                "--listen-client-urls=https://0.0.0.0:2379",
                "--advertise-client-urls=https://orders-2.orders-peer.db.svc:2379",
                "--listen-peer-urls=https://0.0.0.0:2380",
                "--initial-advertise-peer-urls=https://orders-2.orders-peer.db.svc:2380",
                "--listen-metrics-urls=http://0.0.0.0:2381",
                "--initial-cluster=orders-0=https://orders-0.orders-peer.db.svc:2380,"
                        + "orders-1=https://orders-1.orders-peer.db.svc:2380,orders-2=https://orders-2.orders-peer.db.svc:2380",
                "--initial-cluster-state=existing",
                "--auto-compaction-mode=revision",
                "--auto-compaction-retention=10000",
                "--snapshot-count=50000",
                "--quota-backend-bytes=8589934592",
                "--cert-file=/etc/revkv/tls/client/tls.crt",
                "--key-file=/etc/revkv/tls/client/tls.key",
                "--trusted-ca-file=/etc/revkv/tls/client/ca.crt",
                "--client-cert-auth",
                "--peer-cert-file=/etc/revkv/tls/peer/tls.crt",
                "--peer-key-file=/etc/revkv/tls/peer/tls.key",
                "--peer-trusted-ca-file=/etc/revkv/tls/peer/ca.crt",
                "--peer-client-cert-auth");
    }
}
