package io.revkv.bench.compare;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.revkv.proto.etcdserverpb.KVGrpc;
import io.revkv.proto.etcdserverpb.RangeRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * An etcd-compatible server run as a process on loopback ports with a fresh data dir and etcd's own flags (the same
 * command line for etcd 3.4 and the packaged revkv): a single member ({@link #start}), or one member of a
 * {@link Cluster}. Its output goes to {@code <name>.log} in its work dir. A JVM shutdown hook kills it if the bench
 * dies first.
 */
public final class Server implements AutoCloseable {
    /** Generous: a restart over a large data dir rebuilds its state before it serves. */
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);
    /** Short, so that the time to the first served request is measured to within a few milliseconds. */
    private static final Duration POLL_INTERVAL = Duration.ofMillis(5);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path runIn;
    private final int clientPort;
    private final Path dir;
    private final Path log;
    private final Thread reaper;
    private volatile Process process;

    private Server(String name, List<String> command, Map<String, String> environment, Path runIn, int clientPort,
            Path dir, Path log) {
        this.name = name;
        this.command = command;
        this.environment = environment;
        this.runIn = runIn;
        this.clientPort = clientPort;
        this.dir = dir;
        this.log = log;
        this.reaper = new Thread(() -> {
            if (process != null) {
                process.destroyForcibly();
            }
        }, "reap-" + name);
    }

    /** Starts {@code launcher} (e.g. {@code [/usr/bin/etcd]}) as a one-member cluster and waits until it answers. */
    public static Server start(String name, Launcher launcher, Path workDir) throws IOException {
        Server server = prepare(name, launcher, workDir, Ports.free(), Map.of());
        server.launch();
        server.awaitReady();
        return server;
    }

    /**
     * A member that is not started yet, on {@code ports}, with the other members of its initial cluster
     * ({@code peers}: name to peer URL; none for a single member). The data dir is {@code <name>-<client port>}.
     */
    static Server prepare(String name, Launcher launcher, Path workDir, Ports ports, Map<String, String> peers)
            throws IOException {
        Path dir = workDir.resolve(name + "-" + ports.client()).toAbsolutePath();
        Files.createDirectories(dir);
        String clientUrl = "http://127.0.0.1:" + ports.client();
        Map<String, String> cluster = new TreeMap<>(peers);
        cluster.put(name, ports.peerUrl());
        List<String> cmd = new ArrayList<>(launcher.command());
        cmd.addAll(List.of("--name", name, "--data-dir", dir.resolve("data").toString(),
                "--listen-client-urls", clientUrl, "--advertise-client-urls", clientUrl,
                "--listen-peer-urls", ports.peerUrl(), "--initial-advertise-peer-urls", ports.peerUrl(),
                "--initial-cluster", initialCluster(cluster)));
        return new Server(name, List.copyOf(cmd), launcher.environment(),
                launcher.directory() == null ? dir : launcher.directory(), ports.client(), dir,
                dir.resolve(name + ".log"));
    }

    private static String initialCluster(Map<String, String> peerUrls) {
        List<String> entries = new ArrayList<>();
        peerUrls.forEach((name, url) -> entries.add(name + "=" + url));
        return String.join(",", entries);
    }

    /** A client and a peer port, free when they were picked. */
    record Ports(int client, int peer) {
        static Ports free() throws IOException {
            return new Ports(freePort(), freePort());
        }

        String peerUrl() {
            return "http://127.0.0.1:" + peer;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * Starts the process; a restart appends to the same log. The reaper hook is registered once, before the first
     * start, so that no started process outlives the bench.
     */
    void launch() throws IOException {
        if (process == null) {
            Runtime.getRuntime().addShutdownHook(reaper);
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(runIn.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        process = builder.start();
    }

    /**
     * Stops the server gracefully (SIGTERM, waiting for it to exit), starts it again on the same data dir and ports,
     * and returns the time from the new process' start to the first Range it answered.
     */
    public Duration restart() throws IOException {
        stop();
        long start = System.nanoTime();
        launch();
        awaitReady();
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /**
     * Polls a Range of key {@code health} (what etcdctl's endpoint health does) every few milliseconds until one is
     * answered; an error answer (e.g. no leader yet) is not served yet.
     */
    void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        RangeRequest probe = RangeRequest.newBuilder().setKey(ByteString.copyFromUtf8("health")).build();
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", clientPort).usePlaintext().build();
        try {
            while (System.nanoTime() < deadline && process.isAlive()) {
                try {
                    KVGrpc.newBlockingStub(channel).withDeadlineAfter(1, TimeUnit.SECONDS).range(probe);
                    return;
                } catch (StatusRuntimeException notYet) {
                    pause();
                    channel.resetConnectBackoff();
                }
            }
        } finally {
            channel.shutdownNow();
        }
        close();
        throw new IllegalStateException(name + " did not become ready; see " + log);
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_INTERVAL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String endpoint() {
        return "127.0.0.1:" + clientPort;
    }

    public String name() {
        return name;
    }

    /** The running process' resident memory (VmRSS), in bytes. */
    public long residentBytes() {
        return ProcStatus.residentBytes(process.pid());
    }

    /** SIGKILL, as {@code kill -9}: the member gets no chance to hand over leadership or flush; waits until it is gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    /** SIGTERM, then SIGKILL after a minute. */
    private void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** Stops the server; deletes the data dir and keeps the log. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting: the hook runs anyway
        }
        deleteTree(dir.resolve("data"));
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
