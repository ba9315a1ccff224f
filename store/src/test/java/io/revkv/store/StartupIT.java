package io.revkv.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.revkv.testing.FreePorts;
import io.revkv.testing.RevkvProcess;
import io.revkv.testing.ServerProcesses;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** What a user sees when the store cannot start: an exit code and a message that says what to fix. */
class StartupIT {

    @RegisterExtension
    final ServerProcesses servers = new ServerProcesses();

    @TempDir
    Path dir;

    private record Outcome(int exitCode, String output) {
    }

    private Outcome run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", RevkvProcess.appJar().toString()));
        cmd.addAll(List.of(args));
        Process process = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exits by itself").isTrue();
        return new Outcome(process.exitValue(), new String(process.getInputStream().readAllBytes(),
                StandardCharsets.UTF_8));
    }

    @Test
    void anUnknownFlagIsRejectedBeforeAnythingIsOpened() throws Exception {
        Outcome outcome = run("--data-dir", "d", "--no-such-flag", "1");
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.output()).contains("--no-such-flag").contains("revkv --help");
        assertThat(dir.resolve("d")).doesNotExist();
    }

    @Test
    void helpListsEtcdsFlags() throws Exception {
        Outcome outcome = run("--help");
        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.output()).contains("--data-dir", "--listen-client-urls", "--initial-cluster",
                "--max-request-bytes");
    }

    @Test
    void aTakenPeerPortEndsTheProcessWithAMessageNamingIt() throws Exception {
        RevkvProcess first = servers.revkv("first");
        int clientPort = FreePorts.take(1)[0];
        String peer = "http://127.0.0.1:" + first.peerPort();
        Outcome outcome = run("--name", "second", "--data-dir", "d",
                "--listen-client-urls", "http://127.0.0.1:" + clientPort,
                "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer);
        assertThat(outcome.exitCode()).isNotZero();
        assertThat(outcome.output()).contains("cannot serve Raft on " + peer);
    }
}
