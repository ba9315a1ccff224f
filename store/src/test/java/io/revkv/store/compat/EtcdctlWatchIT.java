package io.revkv.store.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.revkv.testing.Etcdctl;
import io.revkv.testing.ServerProcess;
import io.revkv.testing.ServerProcesses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real {@code etcdctl watch} (3.4.23) against etcd 3.4 and revkv: watches started in the background with
 * {@code --rev} and {@code --prev-kv} (plain and JSON output) see history and then live puts and deletes; a watch
 * from a compacted revision ends with etcdctl's message. Outputs compared after {@link Etcdctl.Result#normalized}.
 */
class EtcdctlWatchIT {
    private static final long SETTLE_MILLIS = 2000;

    @RegisterExtension
    final ServerProcesses servers = new ServerProcesses();

    @Test
    void etcdctlWatchSeesRevkvLikeEtcd34() {
        List<String> reference = session(servers.etcd("etcd"));
        List<String> candidate = session(servers.revkv("revkv"));
        // With --prev-kv etcdctl prints the previous key and value between the event type and the new pair.
        assertThat(reference.get(0)).as("the script exercises history, prev_kv and live events")
                .contains("PUT\na\n1\na\n2", "DELETE\na\n2\na", "PUT\na\n4");
        assertThat(reference.get(reference.size() - 1)).contains("required revision has been compacted");
        assertThat(candidate).containsExactlyElementsOf(reference);
    }

    private static List<String> session(ServerProcess server) {
        List<String> outputs = new ArrayList<>();
        for (List<String> write : List.of(List.of("put", "a", "1"), List.of("put", "a", "2"), List.of("put", "b", "1"),
                List.of("del", "a"), List.of("put", "a", "3"))) {                       // revisions 2..6
            assertThat(Etcdctl.run(server, write.toArray(String[]::new)).exitCode()).isZero();
        }
        List<Background> watches = List.of(
                Background.start(server, "watch", "a", "--rev=3", "--prev-kv"),
                Background.start(server, "watch", "--prefix", "", "--rev=4", "-w", "json"),
                Background.start(server, "watch", "b", "--prev-kv", "-w", "json"),
                Background.start(server, "watch", "a", "c", "--rev=9"));
        pause();
        for (List<String> write : List.of(List.of("put", "b", "2"), List.of("del", "a"), List.of("put", "c", "x"),
                List.of("del", "b", "--prev-kv"), List.of("put", "a", "4"))) {          // revisions 7..11
            assertThat(Etcdctl.run(server, write.toArray(String[]::new)).exitCode()).isZero();
        }
        pause();
        watches.forEach(w -> outputs.add(w.stop().normalized(server.endpoint())));
        assertThat(Etcdctl.run(server, "compaction", "--physical", "8").exitCode()).isZero();
        outputs.add(Etcdctl.run(server, "watch", "a", "--rev=5").normalized(server.endpoint()));
        return outputs;
    }

    /** etcdctl needs a moment to connect and print: these are process tests, not timing assertions. */
    private static void pause() {
        try {
            Thread.sleep(SETTLE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An etcdctl run in the background until stopped (SIGTERM), its output captured in files. */
    private record Background(Process process, Path out, Path err) {
        static Background start(ServerProcess server, String... args) {
            List<String> command = new ArrayList<>(List.of(Etcdctl.BINARY, "--endpoints", server.endpoint()));
            command.addAll(List.of(args));
            try {
                Path out = Files.createTempFile(server.workDir(), "etcdctl-watch", ".out");
                Path err = Files.createTempFile(server.workDir(), "etcdctl-watch", ".err");
                ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile())
                        .redirectError(err.toFile());
                builder.environment().put("ETCDCTL_API", "3");
                return new Background(builder.start(), out, err);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + command, e);
            }
        }

        /** The exit code is left out: it is whatever SIGTERM makes of a watch. */
        Etcdctl.Result stop() {
            try {
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
                return new Etcdctl.Result(0, Files.readString(out), Files.readString(err));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
