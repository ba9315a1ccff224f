package io.revkv.store.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.revkv.proto.etcdserverpb.PutRequest;
import io.revkv.proto.etcdserverpb.RangeRequest;
import io.revkv.proto.etcdserverpb.RangeResponse;
import io.revkv.testing.EtcdProcess;
import io.revkv.testing.EtcdRpc;
import io.revkv.testing.Outcome;
import io.revkv.testing.Protos;
import io.revkv.testing.ServerProcess;
import io.revkv.testing.ServerProcesses;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The harness itself, on etcd 3.4: kill -9 and graceful restart keep data, ports and the log. */
class ServerProcessIT {

    @RegisterExtension
    final ServerProcesses servers = new ServerProcesses();

    @Test
    void killedAndRestartedEtcdKeepsItsDataPortsAndLog() {
        EtcdProcess etcd = servers.etcd("etcd");
        int port = etcd.clientPort();
        assertThat(EtcdRpc.call(etcd.channel(), PutRequest.newBuilder().setKey(Protos.utf8("survivor"))
                .setValue(Protos.utf8("1")).build()).isOk()).isTrue();

        assertThat(etcd.kill()).isEqualTo(137);
        assertThat(etcd.isAlive()).isFalse();
        etcd.startAndAwaitReady();
        assertThat(etcd.clientPort()).isEqualTo(port);
        assertThat(survivorRevision(etcd)).isEqualTo(2);

        etcd.restart();
        assertThat(survivorRevision(etcd)).isEqualTo(2);
        assertThat(etcd.log()).contains("=== start #3");
        assertThat(etcd.awaitLogLine(Pattern.compile("ready to serve client requests"), Duration.ofSeconds(5)))
                .isNotEmpty();
    }

    private static long survivorRevision(ServerProcess server) {
        Outcome outcome = EtcdRpc.call(server.channel(),
                RangeRequest.newBuilder().setKey(Protos.utf8("survivor")).build());
        return ((RangeResponse) outcome.response()).getKvs(0).getModRevision();
    }
}
