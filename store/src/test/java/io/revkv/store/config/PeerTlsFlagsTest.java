package io.revkv.store.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** etcd's peer TLS flags: parsed from the command line and ETCD_* variables, checked, turned into revkv.peer-*. */
class PeerTlsFlagsTest {

    private static final String PEER = "https://127.0.0.1:12380";
    private static final String PKCS8 = "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n";

    @TempDir
    Path dir;
    private String cert;
    private String key;
    private String ca;

    @BeforeEach
    void files() throws IOException {
        cert = Files.writeString(dir.resolve("peer.crt"), "cert").toString();
        key = Files.writeString(dir.resolve("peer.key"), PKCS8).toString();
        ca = Files.writeString(dir.resolve("ca.crt"), "ca").toString();
    }

    private static Map<String, String> config(Map<String, String> env, String... args) {
        EtcdFlags flags = new EtcdFlags();
        assertThat(EtcdFlags.parse(flags, args, env)).isTrue();
        return flags.toConfig();
    }

    /** A member on https peer URLs (its own and the cluster's), then {@code more}. */
    private static String[] https(String... more) {
        List<String> args = new ArrayList<>(List.of("--name", "a", "--listen-peer-urls", PEER,
                "--initial-advertise-peer-urls", PEER, "--initial-cluster", "a=" + PEER + ",b=https://127.0.0.1:12381"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void plainHttpPeersIgnoreTheCertificateFlagsAsEtcdDoes() {
        Map<String, String> c = config(Map.of(), "--peer-cert-file", cert, "--peer-key-file", key,
                "--peer-trusted-ca-file", ca, "--peer-client-cert-auth");
        assertThat(c).containsEntry("revkv.peer-client-cert-auth", "false")
                .doesNotContainKeys("revkv.peer-cert-file", "revkv.peer-key-file", "revkv.peer-trusted-ca-file");
    }

    @Test
    void httpsPeersTakeTheFilesAsAbsolutePaths() {
        Map<String, String> c = config(Map.of(), https("--peer-cert-file", cert, "--peer-key-file", key));
        assertThat(c).containsEntry("revkv.peer-cert-file", Path.of(cert).toAbsolutePath().toString())
                .containsEntry("revkv.peer-key-file", Path.of(key).toAbsolutePath().toString())
                .containsEntry("revkv.peer-client-cert-auth", "false")
                .doesNotContainKey("revkv.peer-trusted-ca-file");
    }

    @Test
    void aTrustedCaDemandsPeerCertificatesWithOrWithoutClientCertAuthAsInEtcd() {
        assertThat(config(Map.of(), https("--peer-cert-file", cert, "--peer-key-file", key,
                "--peer-trusted-ca-file", ca))).containsEntry("revkv.peer-trusted-ca-file", ca)
                .containsEntry("revkv.peer-client-cert-auth", "true");
        assertThat(config(Map.of(), https("--peer-cert-file", cert, "--peer-key-file", key,
                "--peer-trusted-ca-file", ca, "--peer-client-cert-auth")))
                .containsEntry("revkv.peer-client-cert-auth", "true");
    }

    @Test
    void everyPeerFlagMayBeAnEtcdVariable() {
        Map<String, String> env = Map.of("ETCD_PEER_CERT_FILE", cert, "ETCD_PEER_KEY_FILE", key,
                "ETCD_PEER_TRUSTED_CA_FILE", ca, "ETCD_PEER_CLIENT_CERT_AUTH", "true");
        assertThat(config(env, https())).containsEntry("revkv.peer-cert-file", cert)
                .containsEntry("revkv.peer-key-file", key).containsEntry("revkv.peer-trusted-ca-file", ca)
                .containsEntry("revkv.peer-client-cert-auth", "true");
        assertThat(config(Map.of("ETCD_PEER_CERT_FILE", "/nowhere", "ETCD_PEER_KEY_FILE", key), https(
                "--peer-cert-file", cert))).as("the command line wins").containsEntry("revkv.peer-cert-file", cert);
    }

    @Test
    void httpsPeersWithoutUsableFilesAreClearErrors() throws IOException {
        assertThatThrownBy(() -> config(Map.of(), https())).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageStartingWith("cannot listen on TLS for 127.0.0.1:12380: KeyFile and CertFile are not "
                        + "presented");
        String missing = dir.resolve("nosuch.crt").toString();
        assertThatThrownBy(() -> config(Map.of(), https("--peer-cert-file", missing, "--peer-key-file", key)))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessage("--peer-cert-file: open " + missing + ": no such file or directory");
        assertThatThrownBy(() -> config(Map.of(), https("--peer-cert-file", cert, "--peer-key-file", key,
                "--peer-client-cert-auth"))).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("--peer-client-cert-auth needs --peer-trusted-ca-file");
        String rsa = Files.writeString(dir.resolve("rsa.key"),
                "-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----\n").toString();
        assertThatThrownBy(() -> config(Map.of(), https("--peer-cert-file", cert, "--peer-key-file", rsa)))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("is not an unencrypted PKCS#8 PEM key")
                .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt -in " + rsa);
    }

    @Test
    void mixedPeerSchemesAreRefused() {
        assertThatThrownBy(() -> config(Map.of(), "--name", "a", "--listen-peer-urls", PEER,
                "--initial-advertise-peer-urls", PEER, "--initial-cluster", "a=" + PEER + ",b=http://127.0.0.1:12381",
                "--peer-cert-file", cert, "--peer-key-file", key))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageStartingWith("peer URLs mix http and https (http://127.0.0.1:12381 and " + PEER + ")");
    }

    @Test
    void peerAutoTlsIsRefusedWithWhatToDoInstead() {
        assertThat(config(Map.of(), "--peer-auto-tls=false")).containsEntry("revkv.peer-client-cert-auth", "false");
        assertThatThrownBy(() -> config(Map.of(), https("--peer-auto-tls")))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessage("--peer-auto-tls is not supported by revkv: give the peer certificate with "
                        + "--peer-cert-file and --peer-key-file (and its CA with --peer-trusted-ca-file)");
    }
}
