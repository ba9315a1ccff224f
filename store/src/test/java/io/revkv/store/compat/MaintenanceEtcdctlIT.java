package io.revkv.store.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.revkv.testing.Etcdctl;
import io.revkv.testing.RevkvProcess;
import io.revkv.testing.ServerProcess;
import io.revkv.testing.ServerProcesses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real etcdctl 3.4.23 on revkv's maintenance features: {@code endpoint status} showing the NOSPACE alarm in its
 * errors column, {@code alarm list} and {@code alarm disarm} (outputs compared with etcd 3.4's), and a backup
 * round trip: {@code snapshot save}, {@code revkv restore}, start on the restored data dir, same data, revision and
 * HashKV, and new writes take the next revisions.
 */
class MaintenanceEtcdctlIT {

    @RegisterExtension
    final ServerProcesses servers = new ServerProcesses();

    @Test
    void alarmCommandsAndStatusErrorsMatchEtcd34() {
        ServerProcess etcd = servers.etcd("etcd", "--quota-backend-bytes", "300000");
        ServerProcess revkv = servers.revkv("revkv", "--quota-backend-bytes", "300000");
        for (ServerProcess server : List.of(etcd, revkv)) {
            // Larger than the quota by itself; given on stdin, as it would not fit on a command line.
            Etcdctl.Result refused = Etcdctl.runWithInput(server, "x".repeat(400_000), "put", "big");
            assertThat(refused.exitCode()).isNotZero();
            assertThat(refused.stderr()).contains("etcdserver: mvcc: database space exceeded");

            String self = Long.toUnsignedString(memberId(server));
            Etcdctl.Result status = Etcdctl.run(server, "endpoint", "status");
            assertThat(status.stdout()).as("the errors column").endsWith(", memberID:" + self + " alarm:NOSPACE \n");
            assertThat(Etcdctl.run(server, "alarm", "list").stdout()).isEqualTo("memberID:" + self + " alarm:NOSPACE \n");
            assertThat(Etcdctl.run(server, "put", "small", "1").stderr()).contains("database space exceeded");

            assertThat(Etcdctl.run(server, "alarm", "disarm").stdout())
                    .isEqualTo("memberID:" + self + " alarm:NOSPACE \n");
            assertThat(Etcdctl.run(server, "alarm", "list").stdout()).isEmpty();
            assertThat(Etcdctl.run(server, "put", "small", "1").exitCode()).isZero();
        }
    }

    /**
     * {@code etcdctl check datascale} writes 10 000 keys of 1 KiB with 50 clients, reads the member's resident memory
     * from {@code /metrics} on the client URL before and after, then deletes the keys; with the auto flags it also
     * compacts and defragments.
     */
    @Test
    void checkDatascaleRunsAsAgainstEtcd34() {
        ServerProcess etcd = servers.etcd("etcd");
        ServerProcess revkv = servers.revkv("revkv");
        for (ServerProcess server : List.of(etcd, revkv)) {
            Etcdctl.Result check = Etcdctl.run(server, "check", "datascale", "--load=s", "--auto-compact",
                    "--auto-defrag");
            assertThat(check.exitCode()).as("%s", check).isZero();
            assertThat(check.stdout()).as("%s", server)
                    .contains("Start data scale check for work load [10000 key-value pairs, 1024 bytes per key-value, "
                            + "50 concurrent clients].")
                    .containsPattern("PASS: Approximate system memory used : \\d+\\.\\d+ MB\\.");
            assertThat(Etcdctl.run(server, "get", "/etcdctl-check-datascale", "--prefix", "--keys-only").stdout())
                    .as("the check's keys are gone").isEmpty();
        }
    }

    @Test
    void aSnapshotSavedWithEtcdctlRestoresIntoAMemberWithTheSameDataAndRevision() throws Exception {
        RevkvProcess source = servers.revkv("source");
        for (int i = 0; i < 50; i++) {
            Etcdctl.run(source, "put", "k" + (i % 7), "v" + i);
        }
        Etcdctl.run(source, "del", "k3");
        Etcdctl.run(source, "compaction", "20");
        Path file = source.workDir().resolve("backup.db");
        Etcdctl.Result saved = Etcdctl.run(source, "snapshot", "save", file.toString());
        assertThat(saved.exitCode()).as("%s", saved).isZero();
        String data = Etcdctl.run(source, "get", "", "--from-key", "-w", "json").normalized(source.endpoint());
        String hashKv = Etcdctl.run(source, "endpoint", "hashkv", "-w", "json").normalized(source.endpoint());

        RevkvProcess restored = new RevkvProcess("restored", source.workDir().getParent());
        restore(file, restored.dataDir());
        servers.track(restored);

        assertThat(Etcdctl.run(restored, "get", "", "--from-key", "-w", "json").normalized(restored.endpoint()))
                .isEqualTo(data);
        assertThat(Etcdctl.run(restored, "endpoint", "hashkv", "-w", "json").normalized(restored.endpoint()))
                .isEqualTo(hashKv);
        assertThat(Etcdctl.run(restored, "get", "k1", "--rev=19").stderr()).contains("required revision has been compacted");
        assertThat(Etcdctl.run(restored, "put", "after", "restore", "-w", "json").stdout())
                .as("the first entry of the new Raft log is applied, not skipped").contains("\"revision\":53");
        assertThat(Etcdctl.run(restored, "get", "after", "--print-value-only").stdout()).isEqualTo("restore\n");
    }

    @Test
    void restoreRefusesACorruptSnapshot() throws Exception {
        RevkvProcess source = servers.revkv("source");
        Etcdctl.run(source, "put", "a", "1");
        Path file = source.workDir().resolve("backup.db");
        assertThat(Etcdctl.run(source, "snapshot", "save", file.toString()).exitCode()).isZero();
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x40;
        Files.write(file, bytes);

        Path target = source.workDir().resolve("restored");
        Process process = restoreProcess(file, target);
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(new String(process.getErrorStream().readAllBytes())).contains("SHA-256 mismatch");
        assertThat(target.resolve("member")).doesNotExist();
    }

    private static void restore(Path snapshot, Path dataDir) throws IOException, InterruptedException {
        Process process = restoreProcess(snapshot, dataDir);
        assertThat(process.exitValue()).as(new String(process.getErrorStream().readAllBytes())).isZero();
    }

    private static Process restoreProcess(Path snapshot, Path dataDir) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", RevkvProcess.appJar().toString(), "restore", snapshot.toString(),
                "--data-dir", dataDir.toString()));
        Process process = new ProcessBuilder(command).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return process;
    }

    private static long memberId(ServerProcess server) {
        JsonObject status = JsonParser.parseString(Etcdctl.run(server, "endpoint", "status", "-w", "json").stdout())
                .getAsJsonArray().get(0).getAsJsonObject();
        return status.getAsJsonObject("Status").getAsJsonObject("header").get("member_id").getAsBigInteger()
                .longValue();
    }
}
