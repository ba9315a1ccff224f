package io.revkv.store.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.revkv.testing.FreePorts;
import io.revkv.testing.image.ImageLayout;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's image without a container engine: images/store/Dockerfile's COPY lines laid out from the packaged
 * store, its entrypoint started with etcd's flags from the image's WORKDIR and ENV. It serves /readyz and etcdctl,
 * keeps its default data directory in the WORKDIR, and runs the JVM with the image's memory settings.
 */
class StoreImageIT {

    @TempDir
    Path root;

    @Test
    void entrypointServesEtcdctlFromTheImageLayout() throws Exception {
        Path repo = Path.of(System.getProperty("revkv.app.jar")).toAbsolutePath().getParent().getParent().getParent()
                .getParent();
        ImageLayout image = ImageLayout.parse(repo.resolve("images/store/Dockerfile"));
        image.layOut(repo, root);
        int[] ports = FreePorts.take(3);
        String client = "http://127.0.0.1:" + ports[0];
        String peer = "http://127.0.0.1:" + ports[1];
        Path log = root.resolve("store.log");

        Process store = image.entrypoint(root, List.of("--name", "image", "--listen-client-urls", client,
                        "--advertise-client-urls", client, "--listen-peer-urls", peer,
                        "--initial-advertise-peer-urls", peer, "--initial-cluster", "image=" + peer,
                        "--listen-metrics-urls", "http://127.0.0.1:" + ports[2]))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            awaitReady(store, URI.create("http://127.0.0.1:" + ports[2] + "/readyz"), log);

            assertThat(etcdctl(client, "put", "image-key", "image-value")).isEqualTo("OK\n");
            assertThat(etcdctl(client, "get", "image-key")).isEqualTo("image-key\nimage-value\n");
            assertThat(ImageLayout.inRoot(root, "/var/lib/revkv/image.etcd")).as("etcd's default data directory, "
                    + "in the image's WORKDIR").isDirectory();
            String commandLine = Files.readString(Path.of("/proc", String.valueOf(store.pid()), "cmdline"))
                    .replace('\0', ' ');
            assertThat(commandLine).as("the JVM the entrypoint exec'd")
                    .contains("-XX:MaxRAMPercentage=" + image.env().get("REVKV_HEAP_PERCENT"))
                    .contains("-XX:MaxHeapFreeRatio=30").contains("-XX:+ExitOnOutOfMemoryError")
                    .contains(ImageLayout.inRoot(root, "/opt/revkv/app/quarkus-run.jar").toString());
        } finally {
            store.destroy();
            if (!store.waitFor(30, TimeUnit.SECONDS)) {
                store.destroyForcibly();
            }
        }
    }

    private static void awaitReady(Process store, URI readyz, Path log) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            assertThat(store.isAlive()).as("the store exited: %s", Files.readString(log)).isTrue();
            try {
                if (http.send(HttpRequest.newBuilder(readyz).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no ready /readyz within 2 minutes: " + Files.readString(log));
    }

    private static String etcdctl(String endpoint, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("etcdctl", "--endpoints", endpoint));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("ETCDCTL_API", "3");
        Process etcdctl = builder.start();
        assertThat(etcdctl.waitFor(30, TimeUnit.SECONDS)).as("etcdctl %s finished", command).isTrue();
        return new String(etcdctl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
