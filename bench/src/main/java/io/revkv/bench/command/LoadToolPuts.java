package io.revkv.bench.command;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One window of puts sent by etcd's own {@code benchmark} binary (built by {@code bench/etcd-benchmark.sh}), run as
 * {@code benchmark --endpoints ... --clients C --conns N put --total P --key-size K --val-size V --key-space-size S}:
 * the load the performance target names, free of this JVM's own warm-up. Its output goes to {@code log}, overwritten
 * by each window, so that the last one stays for a look after a failure.
 */
final class LoadToolPuts implements WindowLoad {
    /** Far more than a window takes; a tool that hangs (e.g. on a member that never answers) fails the run. */
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    private final Path tool;
    private final Shape shape;
    private final Path log;

    LoadToolPuts(Path tool, Shape shape, Path log) {
        this.tool = tool;
        this.shape = shape;
        this.log = log;
    }

    /** The tool's command line for a window on {@code endpoints}. */
    List<String> command(List<String> endpoints) {
        List<String> cmd = new ArrayList<>();
        cmd.add(tool.toString());
        cmd.addAll(shape.globalArgs(endpoints));
        cmd.add("put");
        cmd.addAll(shape.putArgs());
        return cmd;
    }

    @Override
    public Rate run(List<String> endpoints) throws IOException, InterruptedException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        Process process = new ProcessBuilder(command(endpoints)).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            if (!process.waitFor(TIMEOUT.toMinutes(), TimeUnit.MINUTES)) {
                throw new IllegalStateException(tool + " did not finish a window in " + TIMEOUT.toMinutes()
                        + " min; see " + log);
            }
        } finally {
            process.destroyForcibly();
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(tool + " exited with " + process.exitValue() + "; see " + log);
        }
        // Not Files.readString: the progress bar's bytes need not be valid UTF-8, and they are not parsed.
        return LoadToolOutput.parse(new String(Files.readAllBytes(log), StandardCharsets.UTF_8));
    }

    @Override
    public String describe() {
        return "etcd benchmark " + tool;
    }
}
