package io.revkv.operator.kubelet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One Pod's store process: started, restarted when it exits, killed when its Pod goes. */
final class Container {

    private final String pod;
    private final String uid;
    private final List<String> command;
    private final Path log;
    private final String probeUrl;
    private Process process;
    private int restarts;
    private boolean held;

    Container(String pod, String uid, List<String> command, Path log, String probeUrl) {
        this.pod = pod;
        this.uid = uid;
        this.command = List.copyOf(command);
        this.log = log;
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
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + pod, e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
    }

    synchronized boolean alive() {
        return process != null && process.isAlive();
    }

    synchronized void restartIfExited() {
        if (!held && !process.isAlive() && restarts < 20) {
            restarts++;
            start();
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
