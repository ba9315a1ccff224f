package io.revkv.testing;

import com.google.protobuf.ByteString;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.revkv.proto.etcdserverpb.KVGrpc;
import io.revkv.proto.etcdserverpb.RangeRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One etcd-compatible server (real etcd or revkv) run as an OS process on loopback ports, with etcd's own flags.
 *
 * <p>Lifecycle: {@link #start()} launches it (and returns at once); {@link #awaitReady(Duration)} polls a Range of
 * key {@code "health"} (what {@code etcdctl endpoint health} does) until the server answers; {@link #stop()} sends
 * SIGTERM and waits, {@link #kill()} sends SIGKILL; {@link #pause()} and {@link #resume()} send SIGSTOP and SIGCONT
 * (the process keeps its sockets but answers nothing, as a partitioned or frozen member does); {@link #restart()}
 * starts again on the <em>same</em> data dir and ports, which is what crash tests need. {@link #close()} stops the
 * process and deletes the data dir.
 *
 * <p>Everything the process prints (stdout and stderr) is appended to {@link #logFile()} under the work dir, one
 * {@code === start #n ===} marker per launch; {@link #log()} and {@link #awaitLogLine} read it back.
 *
 * <p>Every launched process is registered with {@link ProcessReaper}, so a crashing test JVM never leaves one
 * running. Not thread-safe: one test thread drives one server.
 */
public abstract class ServerProcess implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(15);

    private final String name;
    private final Path workDir;
    private final int clientPort;
    private final int peerPort;
    private Process process;
    private ManagedChannel channel;
    private int launches;
    private List<String> extraFlags = List.of();
    private ClientTls clientTls;
    private String initialCluster;
    private boolean peerTls;
    private boolean paused;

    protected ServerProcess(String name, Path baseDir) {
        int[] ports = FreePorts.take(2);
        this.name = name;
        this.clientPort = ports[0];
        this.peerPort = ports[1];
        this.workDir = baseDir.resolve(name + "-" + clientPort).toAbsolutePath();
        deleteRecursively(workDir);
        createDirectories(workDir);
    }

    /** The program and its leading arguments, e.g. {@code [/usr/bin/etcd]} or {@code [java, -jar, x.jar]}. */
    protected abstract List<String> launcher();

    /** Flags after etcd's standard ones for the following launches, replacing earlier ones (e.g. a new quota). */
    public final void useExtraFlags(String... flags) {
        this.extraFlags = List.of(flags);
    }

    /** Which behaviour generation this server implements where etcd 3.4 and newer releases differ. */
    public abstract Dialect dialect();

    /** The full command line: launcher, etcd's single-member flags, then the extra flags ({@link #useExtraFlags}). */
    public final List<String> command() {
        String client = (clientTls == null ? "http" : "https") + "://127.0.0.1:" + clientPort;
        String peer = peerUrl();
        List<String> cmd = new ArrayList<>(launcher());
        cmd.addAll(List.of("--name", name, "--data-dir", dataDir().toString(),
                "--listen-client-urls", client, "--advertise-client-urls", client,
                "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
                "--initial-cluster", initialCluster != null ? initialCluster : name + "=" + peer));
        cmd.addAll(extraFlags);
        return cmd;
    }

    /** Launches the process; returns without waiting for readiness. */
    public ServerProcess start() {
        if (isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        launches++;
        appendToLog("=== start #" + launches + ": " + String.join(" ", command()) + " ===\n");
        ProcessBuilder builder = new ProcessBuilder(command())
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()));
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot launch " + name + ": " + command(), e);
        }
        ProcessReaper.register(process);
        return this;
    }

    /** {@link #start()} then {@link #awaitReady(Duration)} with a 30 s budget. */
    public ServerProcess startAndAwaitReady() {
        return start().awaitReady(Duration.ofSeconds(30));
    }

    /**
     * Polls a linearizable Range of key {@code "health"} until the server answers it. Any answer counts, including
     * an error status other than UNAVAILABLE, UNIMPLEMENTED or DEADLINE_EXCEEDED (etcdctl counts a
     * permission-denied answer as healthy too). Fails at once, with the log tail, if the process exits.
     */
    public ServerProcess awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RangeRequest probe = RangeRequest.newBuilder().setKey(ByteString.copyFromUtf8("health")).build();
        StatusRuntimeException last = null;
        while (System.nanoTime() < deadline) {
            if (!isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue()
                        + " before becoming ready; log " + logFile() + ":\n" + logTail(40));
            }
            channel().resetConnectBackoff();
            try {
                KVGrpc.newBlockingStub(channel()).withDeadlineAfter(1, TimeUnit.SECONDS).range(probe);
                return readyOnAFreshChannelIfAProbeTimedOut(last);
            } catch (StatusRuntimeException e) {
                last = e;
                if (!isNotServing(e.getStatus().getCode())) {
                    return this;
                }
            }
            pause(100);
        }
        throw new IllegalStateException(name + " not ready after " + timeout + " (last probe: " + last
                + "); log " + logFile() + ":\n" + logTail(40));
    }

    /**
     * A probe that timed out was reset by the client, and the unified Quarkus gRPC server's late answer to a reset
     * stream tears down the whole HTTP/2 connection (quarkusio/quarkus#56268), failing whatever the test sends next
     * on it with INTERNAL "GOAWAY ... PROTOCOL_ERROR". Tests get a new connection instead.
     */
    private ServerProcess readyOnAFreshChannelIfAProbeTimedOut(StatusRuntimeException lastFailure) {
        if (lastFailure != null && lastFailure.getStatus().getCode() == Status.Code.DEADLINE_EXCEEDED) {
            closeChannel();
        }
        return this;
    }

    private static boolean isNotServing(Status.Code code) {
        return code == Status.Code.UNAVAILABLE || code == Status.Code.UNIMPLEMENTED
                || code == Status.Code.DEADLINE_EXCEEDED;
    }

    /** {@code 127.0.0.1:port}, the form etcdctl's {@code --endpoints} takes. */
    public String endpoint() {
        return "127.0.0.1:" + clientPort;
    }

    public int clientPort() {
        return clientPort;
    }

    public int peerPort() {
        return peerPort;
    }

    public String name() {
        return name;
    }

    public Path workDir() {
        return workDir;
    }

    public Path dataDir() {
        return workDir.resolve("data");
    }

    public Path logFile() {
        return workDir.resolve(name + ".log");
    }

    /** A plaintext channel to the client port, created on first use and replaced after stop/kill. */
    public ManagedChannel channel() {
        if (channel == null) {
            channel = Grpc.newChannelBuilderForAddress("127.0.0.1", clientPort,
                            clientTls == null ? InsecureChannelCredentials.create() : clientTls.credentials())
                    .maxInboundMessageSize(64 * 1024 * 1024)
                    .build();
        }
        return channel;
    }

    /**
     * Serves the client port over TLS from the next start on: https client URLs (the test passes the server's
     * certificate flags), and {@link #channel()} and {@link #awaitReady} connect as {@code tls} says.
     */
    public void useClientTls(ClientTls tls) {
        this.clientTls = tls;
        closeChannel();
    }

    /**
     * Bootstraps with {@code initialCluster} (etcd's {@code name=peerURL,...}) from the next start on instead of as
     * a cluster of one; build the processes first, then use their {@link #peerPort()}s here.
     */
    public void useInitialCluster(String initialCluster) {
        this.initialCluster = initialCluster;
    }

    /**
     * Peer URLs in https from the next start on (the test passes the {@code --peer-*} certificate flags); build the
     * {@link #useInitialCluster initial cluster} from {@link #peerUrl()} after this.
     */
    public void usePeerTls() {
        this.peerTls = true;
    }

    /** {@code http://127.0.0.1:<peerPort>} (https with {@link #usePeerTls()}), this member's peer URL. */
    public String peerUrl() {
        return (peerTls ? "https" : "http") + "://127.0.0.1:" + peerPort;
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** SIGTERM, wait up to 15 s, then SIGKILL. Returns the exit code (-1 if it was not running). */
    public int stop() {
        closeChannel();
        if (process == null) {
            return -1;
        }
        process.destroy();
        if (paused) {
            // A stopped process handles SIGTERM only once it runs again.
            resume();
        }
        return awaitExit(STOP_GRACE);
    }

    /**
     * SIGSTOP: the process freezes with its sockets open. Peers and clients see a member that accepts connections
     * and never answers, until {@link #resume()}. {@link #stop()} and {@link #kill()} work on a paused process.
     */
    public void pause() {
        if (!isAlive()) {
            throw new IllegalStateException(name + " is not running");
        }
        signal("STOP");
        paused = true;
    }

    /** SIGCONT after {@link #pause()}. */
    public void resume() {
        if (paused && isAlive()) {
            signal("CONT");
        }
        paused = false;
    }

    /** Whether {@link #pause()} froze it and it was neither resumed nor ended since. */
    public boolean isPaused() {
        return paused && isAlive();
    }

    private void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                    .redirectErrorStream(true).start();
            String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** SIGKILL ({@link Process#destroyForcibly()} on Linux) and reap. Returns the exit code. */
    public int kill() {
        closeChannel();
        if (process == null) {
            return -1;
        }
        process.destroyForcibly();
        return awaitExit(STOP_GRACE);
    }

    /** Graceful stop, then a new launch on the same data dir and ports, waiting for readiness. */
    public ServerProcess restart() {
        stop();
        return startAndAwaitReady();
    }

    private int awaitExit(Duration grace) {
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        ProcessReaper.unregister(process);
        paused = false;
        return process.isAlive() ? -1 : process.exitValue();
    }

    private void closeChannel() {
        if (channel != null) {
            channel.shutdownNow();
            channel = null;
        }
    }

    /** Everything the process printed so far, across all launches. */
    public String log() {
        try {
            return Files.exists(logFile()) ? Files.readString(logFile(), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last {@code lines} lines of {@link #log()}. */
    public String logTail(int lines) {
        List<String> all = log().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** Waits until a log line (of any launch) matches {@code pattern}; returns that line. */
    public String awaitLogLine(Pattern pattern, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            for (String line : log().lines().toList()) {
                if (pattern.matcher(line).find()) {
                    return line;
                }
            }
            pause(50);
        } while (System.nanoTime() < deadline);
        throw new IllegalStateException(name + ": no log line matching /" + pattern + "/ within " + timeout
                + "; log tail:\n" + logTail(40));
    }

    /** Stops the process if it runs and deletes the data dir; the log file stays for post-mortems. */
    @Override
    public void close() {
        if (isAlive()) {
            stop();
        }
        closeChannel();
        deleteRecursively(dataDir());
    }

    @Override
    public String toString() {
        return name + "@" + endpoint();
    }

    private void appendToLog(String text) {
        try {
            Files.writeString(logFile(), text, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
