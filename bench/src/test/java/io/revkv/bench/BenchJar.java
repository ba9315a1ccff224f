package io.revkv.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The packaged bench and store jars the ITs run (paths set by failsafe, bench/pom.xml). */
final class BenchJar {
    private BenchJar() {
    }

    static Path revkvJar() {
        return existing("revkv.app.jar");
    }

    private static Path existing(String property) {
        String value = System.getProperty(property);
        assertThat(value).as("system property %s (run as a failsafe IT)", property).isNotBlank();
        Path path = Path.of(value).toAbsolutePath().normalize();
        assertThat(path).as("%s; package the store and bench modules first", property).isRegularFile();
        return path;
    }

    static List<String> java(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Runs {@code java -jar revkv-bench.jar args...}; returns its exit code, output in {@code log}. */
    static int run(Path log, String... args) throws IOException, InterruptedException {
        List<String> cmd = java("-jar", existing("revkv.bench.jar").toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("bench finished; output in %s", log).isTrue();
            return p.exitValue();
        } finally {
            p.destroyForcibly();
        }
    }

    static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }
}
