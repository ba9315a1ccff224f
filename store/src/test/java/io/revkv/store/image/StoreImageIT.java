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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's image without a container engine: images/store/Dockerfile's COPY lines laid out from the packaged
 * store, its training RUN carried out (a smaller load than the build's), its entrypoint started with etcd's flags from
 * the image's WORKDIR and ENV. It serves /readyz and etcdctl, keeps its default data directory in the WORKDIR, runs
 * the JVM with the image's memory settings, and starts from what the training left: the AOT cache on the image's
 * Java, the class-data archive on Java 17. Each JVM is told to fail rather than run without it.
 */
class StoreImageIT {

    /** Enough of the training load to pass every request kind through a member; the build runs the default. */
    private static final Map<String, String> SHORT_TRAINING = Map.of("REVKV_TRAIN_PUTS", "2000");

    @TempDir
    Path root;

    @Test
    void startsWarmFromTheAotCacheOnTheImagesJava() throws Exception {
        ImageLayout image = ImageLayout.parse(repo().resolve("images/store/Dockerfile"));
        assertThat(image.javaMajor()).as("the image's Java has the AOT cache").isGreaterThanOrEqualTo(25);
        image.layOut(repo(), root);
        image.run(root, SHORT_TRAINING);
        Path cache = ImageLayout.inRoot(root, "/opt/revkv/app/app.aot");
        assertThat(cache).as("the training run's AOT cache").isRegularFile();

        // AOTMode=on: a JVM that cannot map the cache exits instead of starting cold.
        String commandLine = servesEtcdctl(image, Map.of(), "-XX:AOTMode=on");
        assertThat(commandLine).contains("-XX:AOTCache=" + cache).contains("-XX:+UseCompactObjectHeaders");
    }

    @Test
    void fallsBackToTheClassDataArchiveOnJava17() throws Exception {
        ImageLayout image = ImageLayout.parse(repo().resolve("images/store/Dockerfile"));
        image.layOut(repo(), root);
        Map<String, String> java17 = new HashMap<>(SHORT_TRAINING);
        java17.put("JAVA_HOME", System.getProperty("java.home"));
        image.run(root, java17);
        Path archive = ImageLayout.inRoot(root, "/opt/revkv/app/app-cds.jsa");
        assertThat(archive).as("the training run's class-data archive").isRegularFile();
        assertThat(ImageLayout.inRoot(root, "/opt/revkv/app/app.aot")).doesNotExist();

        // -Xshare:on: a JVM that cannot map the archive exits instead of starting without it.
        String commandLine = servesEtcdctl(image, java17, "-Xshare:on");
        assertThat(commandLine).contains("-XX:SharedArchiveFile=" + archive)
                .as("a JDK 25 flag, which Java 17 would refuse").doesNotContain("UseCompactObjectHeaders");
    }

    /** Starts the entrypoint with {@code env} and {@code javaOpts}, checks it serves; returns the JVM's command line. */
    private String servesEtcdctl(ImageLayout image, Map<String, String> env, String javaOpts) throws Exception {
        int[] ports = FreePorts.take(3);
        String client = "http://127.0.0.1:" + ports[0];
        String peer = "http://127.0.0.1:" + ports[1];
        Path log = root.resolve("store.log");

        ProcessBuilder entrypoint = image.entrypoint(root, List.of("--name", "image", "--listen-client-urls", client,
                        "--advertise-client-urls", client, "--listen-peer-urls", peer,
                        "--initial-advertise-peer-urls", peer, "--initial-cluster", "image=" + peer,
                        "--listen-metrics-urls", "http://127.0.0.1:" + ports[2]))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        entrypoint.environment().putAll(env);
        entrypoint.environment().put("JAVA_OPTS", javaOpts);
        Process store = entrypoint.start();
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
            return commandLine;
        } finally {
            store.destroy();
            if (!store.waitFor(30, TimeUnit.SECONDS)) {
                store.destroyForcibly();
            }
        }
    }

    private static Path repo() {
        return Path.of(System.getProperty("revkv.app.jar")).toAbsolutePath().getParent().getParent().getParent()
                .getParent();
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
