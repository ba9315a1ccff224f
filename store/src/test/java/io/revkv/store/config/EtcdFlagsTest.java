package io.revkv.store.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EtcdFlagsTest {

    private static Map<String, String> config(Map<String, String> env, String... args) {
        EtcdFlags flags = new EtcdFlags();
        assertThat(EtcdFlags.parse(flags, args, env)).isTrue();
        return flags.toConfig();
    }

    @Test
    void defaultsAreEtcdsSingleMemberOnLocalhost() {
        Map<String, String> c = config(Map.of());
        assertThat(c).containsEntry("revkv.name", "default")
                .containsEntry("revkv.data-dir", "default.etcd")
                .containsEntry("quarkus.http.host", "localhost")
                .containsEntry("quarkus.http.port", "2379")
                .containsEntry("revkv.initial-cluster", "default=http://localhost:2380")
                .containsEntry("revkv.max-request-bytes", "1572864")
                .containsEntry("quarkus.grpc.server.max-inbound-message-size", Integer.toString(1572864 + 524288))
                .containsEntry("revkv.compaction-sleep-interval", "PT0.01S");
    }

    @Test
    void anEtcdCommandLineIsAcceptedUnchanged() {
        Map<String, String> c = config(Map.of(), "--name", "infra0", "--data-dir=/var/lib/etcd",
                "--listen-client-urls", "http://127.0.0.1:12379", "--advertise-client-urls", "http://127.0.0.1:12379",
                "--listen-peer-urls", "http://127.0.0.1:12380", "--initial-advertise-peer-urls", "http://127.0.0.1:12380",
                "--initial-cluster", "infra0=http://127.0.0.1:12380", "--initial-cluster-token", "t1",
                "--initial-cluster-state", "new", "--max-request-bytes", "1000");
        assertThat(c).containsEntry("revkv.name", "infra0")
                .containsEntry("revkv.data-dir", "/var/lib/etcd")
                .containsEntry("quarkus.http.host", "127.0.0.1")
                .containsEntry("quarkus.http.port", "12379")
                .containsEntry("revkv.listen-peer-urls", "http://127.0.0.1:12380")
                .containsEntry("revkv.initial-cluster-token", "t1")
                .containsEntry("revkv.max-request-bytes", "1000");
    }

    @Test
    void environmentVariablesSetFlagsAndTheCommandLineWins() {
        Map<String, String> env = Map.of("ETCD_NAME", "fromenv", "ETCD_DATA_DIR", "/env/dir",
                "ETCD_INITIAL_CLUSTER", "fromenv=http://localhost:2380");
        assertThat(config(env)).containsEntry("revkv.name", "fromenv").containsEntry("revkv.data-dir", "/env/dir");
        assertThat(config(env, "--data-dir", "/cli/dir")).containsEntry("revkv.data-dir", "/cli/dir");
    }

    @Test
    void corruptionChecksAreOffByDefaultAndTakeEtcdsFlagsAndVariables() {
        assertThat(config(Map.of())).containsEntry("revkv.initial-corrupt-check", "false")
                .containsEntry("revkv.corrupt-check-time", "PT0S");
        assertThat(config(Map.of(), "--experimental-initial-corrupt-check", "--experimental-corrupt-check-time", "1m30s"))
                .containsEntry("revkv.initial-corrupt-check", "true")
                .containsEntry("revkv.corrupt-check-time", "PT1M30S");
        assertThat(config(Map.of(), "--experimental-initial-corrupt-check=false"))
                .containsEntry("revkv.initial-corrupt-check", "false");
        assertThat(config(Map.of("ETCD_EXPERIMENTAL_INITIAL_CORRUPT_CHECK", "true",
                "ETCD_EXPERIMENTAL_CORRUPT_CHECK_TIME", "5s")))
                .containsEntry("revkv.initial-corrupt-check", "true")
                .containsEntry("revkv.corrupt-check-time", "PT5S");
        assertThatThrownBy(() -> config(Map.of(), "--experimental-corrupt-check-time", "5"))
                .isInstanceOf(CommandLine.ParameterException.class);
    }

    @Test
    void quotaBackendBytesDefaultsToZeroAndTakesEtcdsFlagAndVariable() {
        assertThat(config(Map.of())).containsEntry("revkv.quota-backend-bytes", "0");
        assertThat(config(Map.of(), "--quota-backend-bytes", "300000"))
                .containsEntry("revkv.quota-backend-bytes", "300000");
        assertThat(config(Map.of("ETCD_QUOTA_BACKEND_BYTES", "-1"))).containsEntry("revkv.quota-backend-bytes", "-1");
    }

    @Test
    void watchProgressIntervalDefaultsToTenMinutesAndTakesItsEnvironmentVariable() {
        assertThat(config(Map.of())).containsEntry("revkv.watch-progress-notify-interval", "PT10M");
        assertThat(config(Map.of(), "--experimental-watch-progress-notify-interval", "1s"))
                .containsEntry("revkv.watch-progress-notify-interval", "PT1S");
        assertThat(config(Map.of("ETCD_EXPERIMENTAL_WATCH_PROGRESS_NOTIFY_INTERVAL", "250ms")))
                .containsEntry("revkv.watch-progress-notify-interval", "PT0.25S");
    }

    @Test
    void snapshotCountDefaultsToEtcdsWhichZeroAlsoMeans() {
        assertThat(config(Map.of())).containsEntry("revkv.snapshot-count", "100000");
        assertThat(config(Map.of(), "--snapshot-count", "0")).containsEntry("revkv.snapshot-count", "100000");
        assertThat(config(Map.of(), "--snapshot-count", "5000")).containsEntry("revkv.snapshot-count", "5000");
        assertThat(config(Map.of("ETCD_SNAPSHOT_COUNT", "250"))).containsEntry("revkv.snapshot-count", "250");
        assertThatThrownBy(() -> config(Map.of(), "--snapshot-count", "-1"))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("--snapshot-count");
    }

    @Test
    void initialClusterDefaultsToTheMembersOwnName() {
        assertThat(config(Map.of(), "--name", "m1", "--initial-advertise-peer-urls", "http://10.0.0.1:2380"))
                .containsEntry("revkv.initial-cluster", "m1=http://10.0.0.1:2380");
    }

    @Test
    void severalClientHostsOnOnePortListenOnAllInterfaces() {
        assertThat(config(Map.of(), "--listen-client-urls", "http://127.0.0.1:2379,http://10.1.2.3:2379"))
                .containsEntry("quarkus.http.host", "0.0.0.0");
    }

    @Test
    void unknownFlagsAndBadValuesAreClearErrors() {
        assertThatThrownBy(() -> config(Map.of(), "--no-such-flag", "x"))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("--no-such-flag");
        assertThatThrownBy(() -> config(Map.of(), "--listen-client-urls", "localhost"))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("http://host:port");
        assertThatThrownBy(() -> config(Map.of(), "--name", "x", "--initial-cluster", "y=http://h:1"))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("no member named 'x'");
        assertThatThrownBy(() -> config(Map.of(), "--initial-cluster-state", "old"))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("'new' or 'existing'");
        assertThatThrownBy(() -> config(Map.of(), "--max-request-bytes", "lots"))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("--max-request-bytes");
    }

    @Test
    void helpIsPrintedAndNothingRuns() {
        assertThat(EtcdFlags.parse(new EtcdFlags(), new String[] {"--help"}, Map.of())).isFalse();
    }

    @Test
    void plainHttpHasNoTlsEvenWithCertificateFlags(@TempDir Path dir) throws IOException {
        String f = Files.writeString(dir.resolve("f.pem"), "x").toString();
        Map<String, String> c = config(Map.of(), "--cert-file", f, "--key-file", f, "--trusted-ca-file", f,
                "--client-cert-auth");
        assertThat(c.keySet()).noneMatch(k -> k.startsWith("quarkus.tls.") || k.startsWith("quarkus.http.ssl"));
        assertThat(c).containsEntry("revkv.client-cert-auth", "false");
    }

    @Test
    void httpsServesOnlyTlsWithThePemFiles(@TempDir Path dir) throws IOException {
        Path cert = Files.writeString(dir.resolve("s.crt"), "x");
        Path key = Files.writeString(dir.resolve("s.key"), "x");
        Map<String, String> c = config(Map.of(), "--listen-client-urls", "https://127.0.0.1:12379",
                "--cert-file", cert.toString(), "--key-file", key.toString());
        assertThat(c).containsEntry("quarkus.http.ssl-port", "12379")
                .containsEntry("quarkus.http.insecure-requests", "disabled")
                .containsEntry("quarkus.tls.key-store.pem.client.cert", cert.toString())
                .containsEntry("quarkus.tls.key-store.pem.client.key", key.toString())
                .containsEntry("revkv.client-cert-auth", "false")
                .doesNotContainKey("quarkus.tls.trust-store.pem.certs");
    }

    @Test
    void aTrustedCaDemandsClientCertificatesWithOrWithoutClientCertAuthAsInEtcd(@TempDir Path dir)
            throws IOException {
        String f = Files.writeString(dir.resolve("f.pem"), "x").toString();
        String https = "https://127.0.0.1:12379";
        assertThat(config(Map.of("ETCD_CLIENT_CERT_AUTH", "true"), "--listen-client-urls", https,
                "--cert-file", f, "--key-file", f, "--trusted-ca-file", f))
                .containsEntry("quarkus.tls.trust-store.pem.certs", f)
                .containsEntry("revkv.client-cert-auth", "true");
        assertThat(config(Map.of(), "--listen-client-urls", https, "--cert-file", f, "--key-file", f,
                "--trusted-ca-file", f, "--client-cert-auth")).containsEntry("revkv.client-cert-auth", "true");
        assertThat(config(Map.of(), "--listen-client-urls", https, "--cert-file", f, "--key-file", f,
                "--trusted-ca-file", f, "--client-cert-auth=false")).containsEntry("revkv.client-cert-auth", "true");
    }

    @Test
    void httpsWithoutUsableFilesIsAClearError(@TempDir Path dir) throws IOException {
        String f = Files.writeString(dir.resolve("f.pem"), "x").toString();
        String missing = dir.resolve("nosuch.crt").toString();
        String https = "https://127.0.0.1:12379";
        assertThatThrownBy(() -> config(Map.of(), "--listen-client-urls", https))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessage("TLS key/cert (--cert-file, --key-file) must be provided for client url "
                        + "https://127.0.0.1:12379 with HTTPS scheme");
        assertThatThrownBy(() -> config(Map.of(), "--listen-client-urls", https, "--cert-file", missing,
                "--key-file", f)).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessage("--cert-file: open " + missing + ": no such file or directory");
        assertThatThrownBy(() -> config(Map.of(), "--listen-client-urls", https, "--cert-file", f,
                "--key-file", f, "--trusted-ca-file", dir.toString()))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageStartingWith("--trusted-ca-file: open " + dir);
        assertThatThrownBy(() -> config(Map.of(), "--listen-client-urls", https, "--cert-file", f,
                "--key-file", f, "--client-cert-auth")).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("--client-cert-auth needs --trusted-ca-file");
    }

    @Test
    void aRepeatedFlagTakesItsLastValueAsInEtcd() {
        assertThat(config(Map.of(), "--name", "a", "--initial-cluster", "a=http://127.0.0.1:1",
                "--initial-cluster", "a=http://127.0.0.1:2,b=http://127.0.0.1:3"))
                .containsEntry("revkv.initial-cluster", "a=http://127.0.0.1:2,b=http://127.0.0.1:3");
    }

    @Test
    void autoCompactionFlagsDefaultToPeriodicAndOff() {
        assertThat(config(Map.of())).containsEntry("revkv.auto-compaction-mode", "periodic")
                .containsEntry("revkv.auto-compaction-retention", "0")
                .containsEntry("revkv.listen-metrics-urls", "");
        assertThat(config(Map.of("ETCD_AUTO_COMPACTION_RETENTION", "1h"), "--auto-compaction-mode", "revision",
                "--listen-metrics-urls", "http://127.0.0.1:9091"))
                .containsEntry("revkv.auto-compaction-mode", "revision")
                .containsEntry("revkv.auto-compaction-retention", "1h")
                .containsEntry("revkv.listen-metrics-urls", "http://127.0.0.1:9091");
    }

    @Test
    void badAutoCompactionFlagsAreFatalWithEtcdsWords() {
        assertThatThrownBy(() -> config(Map.of(), "--auto-compaction-mode", "bogus"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessage("unknown auto-compaction-mode \"bogus\"");
        assertThatThrownBy(() -> config(Map.of(), "--auto-compaction-retention", "-1"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessage("error parsing CompactionRetention: time: missing unit in duration \"-1\"");
        assertThatThrownBy(() -> config(Map.of(), "--listen-metrics-urls", "nowhere"))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("http://host:port");
    }
}
