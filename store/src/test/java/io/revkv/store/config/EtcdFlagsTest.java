package io.revkv.store.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
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
    void watchProgressIntervalDefaultsToTenMinutesAndTakesItsEnvironmentVariable() {
        assertThat(config(Map.of())).containsEntry("revkv.watch-progress-notify-interval", "PT10M");
        assertThat(config(Map.of(), "--experimental-watch-progress-notify-interval", "1s"))
                .containsEntry("revkv.watch-progress-notify-interval", "PT1S");
        assertThat(config(Map.of("ETCD_EXPERIMENTAL_WATCH_PROGRESS_NOTIFY_INTERVAL", "250ms")))
                .containsEntry("revkv.watch-progress-notify-interval", "PT0.25S");
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
}
