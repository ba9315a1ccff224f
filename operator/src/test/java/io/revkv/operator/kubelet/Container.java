package io.revkv.operator.kubelet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One Pod's store process: started, restarted when it exits (after kubelet's crash-loop back-off), killed when its
 * Pod goes. Like kubelet it counts restarts and keeps how the last run ended, with the termination message: the
 * file the Pod's terminationMessagePath names (here a file of the test's, handed to the store as
 * REVKV_TERMINATION_MESSAGE_PATH), else, as FallbackToLogsOnError says, the tail of a failed run's log.
 */
final class Container {

    /** kubelet's back-off: the first restart at once, then 10 s, doubled per restart, at most 5 minutes. */
    private static final Duration FIRST_BACK_OFF = Duration.ofSeconds(10);
    private static final Duration MAX_BACK_OFF = Duration.ofMinutes(5);
    /** FallbackToLogsOnError: the last 80 lines or 2048 bytes of the log, whichever is smaller. */
    private static final int LOG_LINES = 80;
    private static final int LOG_BYTES = 2048;

    /** How a run ended, as lastState.terminated reports it. */
    record Termination(int exitCode, String message, Instant startedAt, Instant finishedAt) {
    }

    private final String pod;
    private final String uid;
    private final List<String> command;
    private final Path log;
    private final Path terminationMessage;
    private final String probeUrl;
    private Process process;
    private Instant startedAt;
    private int restarts;
    private boolean held;
    private Termination last;
    private Instant nextStart;

    Container(String pod, String uid, List<String> command, Path log, Path terminationMessage, String probeUrl) {
        this.pod = pod;
        this.uid = uid;
        this.command = List.copyOf(command);
        this.log = log;
        this.terminationMessage = terminationMessage;
        this.probeUrl = probeUrl;
    }

    String uid() {
        return uid;
    }

    String probeUrl() {
        return probeUrl;
    }

    synchronized void start() {
        try {
            Files.deleteIfExists(terminationMessage);
            Files.createFile(terminationMessage);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().put("REVKV_TERMINATION_MESSAGE_PATH", terminationMessage.toString());
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + pod, e);
        }
        startedAt = Instant.now();
        nextStart = null;
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
    }

    synchronized boolean alive() {
        return process != null && process.isAlive();
    }

    synchronized int restarts() {
        return restarts;
    }

    synchronized Optional<Termination> lastTermination() {
        return Optional.ofNullable(last);
    }

    /** Running since, while it runs. */
    synchronized Optional<Instant> runningSince() {
        return alive() ? Optional.of(startedAt) : Optional.empty();
    }

    /** An exited process is recorded once, then started again when its back-off has passed. */
    synchronized void restartIfExited() {
        if (held || process.isAlive() || restarts >= 20) {
            return;
        }
        if (nextStart == null) {
            last = new Termination(process.exitValue(), message(process.exitValue()), startedAt, Instant.now());
            Duration backOff = restarts == 0 ? Duration.ZERO : FIRST_BACK_OFF.multipliedBy(1L << Math.min(restarts - 1, 5));
            nextStart = Instant.now().plus(backOff.compareTo(MAX_BACK_OFF) > 0 ? MAX_BACK_OFF : backOff);
        }
        if (!Instant.now().isBefore(nextStart)) {
            restarts++;
            start();
        }
    }

    private String message(int exitCode) {
        try {
            String written = Files.readString(terminationMessage, StandardCharsets.UTF_8);
            if (!written.isBlank() || exitCode == 0) {
                return written;
            }
            String tail = logTail(LOG_LINES);
            byte[] bytes = tail.getBytes(StandardCharsets.UTF_8);
            return bytes.length <= LOG_BYTES ? tail
                    : new String(bytes, bytes.length - LOG_BYTES, LOG_BYTES, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** SIGTERM, then SIGKILL after 10 s, as kubelet does within the grace period. */
    synchronized void kill() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** Killed and kept down (a node gone, a crash loop) until {@link #release}. */
    synchronized void hold() {
        held = true;
        kill();
    }

    /** Started again at the kubelet's next pass, as a container restart. */
    synchronized void release() {
        held = false;
    }

    /** The process killed, {@code meanwhile} run, the process started again: a container restart around it. */
    synchronized void restartAround(Runnable meanwhile) {
        kill();
        meanwhile.run();
        start();
    }

    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
