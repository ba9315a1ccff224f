package io.revkv.store.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.ByteString;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.revkv.proto.etcdserverpb.KVGrpc;
import io.revkv.proto.etcdserverpb.RangeRequest;
import io.revkv.testing.ClientTls;
import io.revkv.testing.EtcdProcess;
import io.revkv.testing.Etcdctl;
import io.revkv.testing.RevkvProcess;
import io.revkv.testing.ServerProcess;
import io.revkv.testing.ServerProcesses;
import io.revkv.testing.TestCertificates;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * TLS on the client port, etcd's flags, against etcd 3.4 started the same way: the real etcdctl with {@code --cacert}
 * (and a client certificate once the server has {@code --trusted-ca-file}) works alike on both; a client without a
 * certificate where one is demanded, or without TLS at all, is turned away by both.
 */
class TlsIT {

    /** etcdctl gives up quickly on a server that refuses it, instead of retrying for its default 5 s. */
    private static final String[] FAIL_FAST = {"--dial-timeout", "2s", "--command-timeout", "3s"};

    @TempDir
    static Path pki;
    static TestCertificates certs;

    @RegisterExtension
    final ServerProcesses servers = new ServerProcesses();

    @BeforeAll
    static void generateCertificates() {
        certs = TestCertificates.generate(pki);
    }

    @Test
    void serverTlsWorksWithEtcdctlLikeEtcd() {
        ClientTls client = certs.withoutClientCertificate();
        String[] flags = certs.serverFlags().toArray(String[]::new);
        ServerProcess etcd = servers.etcd("etcd", client, flags);
        ServerProcess revkv = servers.revkv("revkv", client, flags);

        Etcdctl.Result withCa = putGet(revkv, client.etcdctlFlags());
        assertThat(withCa).isEqualTo(putGet(etcd, client.etcdctlFlags()));
        assertThat(withCa.exitCode()).as(withCa.toString()).isZero();
        Etcdctl.Result plaintext = putGet(revkv);
        assertThat(plaintext).isEqualTo(putGet(etcd));
        assertThat(plaintext.exitCode()).as("plaintext etcdctl against the TLS port").isNotZero();
        assertPlaintextRefused(revkv);
    }

    /** etcd demands a client certificate signed by --trusted-ca-file, with or without --client-cert-auth. */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aTrustedCaDemandsClientCertificatesLikeEtcd(boolean clientCertAuth) {
        ClientTls client = certs.withClientCertificate();
        String[] flags = withTrustedCa(clientCertAuth);
        ServerProcess etcd = servers.etcd("etcd", client, flags);
        ServerProcess revkv = servers.revkv("revkv", client, flags);
        String[] anonymous = certs.withoutClientCertificate().etcdctlFlags();

        Etcdctl.Result withCert = putGet(revkv, client.etcdctlFlags());
        assertThat(withCert).isEqualTo(putGet(etcd, client.etcdctlFlags()));
        assertThat(withCert.exitCode()).as(withCert.toString()).isZero();
        Etcdctl.Result withoutCert = putGet(revkv, anonymous);
        assertThat(withoutCert).isEqualTo(putGet(etcd, anonymous));
        assertThat(withoutCert.exitCode()).as("etcdctl without a client certificate").isNotZero();
        assertGrpcRefused(revkv, certs.withoutClientCertificate());
        assertPlaintextRefused(revkv);
    }

    @Test
    void httpsWithoutCertificateFilesStopsAtStartLikeEtcd() {
        for (ServerProcess server : List.of(new EtcdProcess("etcd", servers.baseDir()),
                new RevkvProcess("revkv", servers.baseDir()))) {
            try (server) {
                server.useClientTls(certs.withoutClientCertificate());
                server.start();
                server.awaitLogLine(Pattern.compile(Pattern.quote("TLS key/cert (--cert-file, --key-file) must be "
                        + "provided for client url https://127.0.0.1:" + server.clientPort() + " with HTTPS scheme")),
                        Duration.ofSeconds(30));
            }
        }
    }

    private static String[] withTrustedCa(boolean clientCertAuth) {
        List<String> flags = new ArrayList<>(certs.serverFlags());
        flags.addAll(List.of("--trusted-ca-file", certs.caCert().toString()));
        if (clientCertAuth) {
            flags.add("--client-cert-auth");
        }
        return flags.toArray(String[]::new);
    }

    /** put then get of one key, both outputs normalized, in one result for comparison. */
    private static Etcdctl.Result putGet(ServerProcess server, String... tlsFlags) {
        Etcdctl.Result put = Etcdctl.run(server, args(tlsFlags, "put", "k", "v"));
        Etcdctl.Result get = Etcdctl.run(server, args(tlsFlags, "get", "k", "-w", "json"));
        String normalized = put.normalized(server.endpoint()) + "\n" + get.normalized(server.endpoint());
        return new Etcdctl.Result(Math.max(put.exitCode(), get.exitCode()),
                normalized.replaceAll("\"(create|mod)_revision\":\\d+", "\"$1_revision\":N")
                        .replaceAll("\"revision\":\\d+", "\"revision\":N"), "");
    }

    private static String[] args(String[] tlsFlags, String... command) {
        List<String> all = new ArrayList<>(List.of(tlsFlags));
        all.addAll(List.of(FAIL_FAST));
        all.addAll(List.of(command));
        return all.toArray(String[]::new);
    }

    private static void assertPlaintextRefused(ServerProcess server) {
        ManagedChannel plain = Grpc.newChannelBuilderForAddress("127.0.0.1", server.clientPort(),
                InsecureChannelCredentials.create()).build();
        try {
            assertRangeFails(plain);
        } finally {
            plain.shutdownNow();
        }
    }

    private static void assertGrpcRefused(ServerProcess server, ClientTls tls) {
        ManagedChannel channel = Grpc.newChannelBuilderForAddress("127.0.0.1", server.clientPort(), tls.credentials())
                .build();
        try {
            assertRangeFails(channel);
        } finally {
            channel.shutdownNow();
        }
    }

    private static void assertRangeFails(ManagedChannel channel) {
        StatusRuntimeException e = catchThrowableOfType(() -> KVGrpc.newBlockingStub(channel)
                .withDeadlineAfter(5, TimeUnit.SECONDS)
                .range(RangeRequest.newBuilder().setKey(ByteString.copyFromUtf8("k")).build()),
                StatusRuntimeException.class);
        assertThat(e).as("the server must refuse the connection").isNotNull();
        assertThat(e.getStatus().getCode()).isIn(Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED);
    }
}
