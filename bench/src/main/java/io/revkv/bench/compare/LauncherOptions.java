package io.revkv.bench.compare;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * How the bench launches the servers it compares: etcd's binary, and the packaged revkv with its JVM flags. The
 * default JVM flags are the ones README.md recommends for running revkv, so that the bench measures what a user
 * runs.
 */
public final class LauncherOptions {
    /** README.md's recommended JVM flags for the packaged store (docs/performance.md says why each). */
    public static final String RECOMMENDED_REVKV_JVM_ARGS =
            "-Xmx1g -XX:GCTimeRatio=4 -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30";

    /** What Quarkus' build writes next to the jar with {@code quarkus.package.jar.appcds.enabled}. */
    static final String CLASS_DATA_ARCHIVE = "app-cds.jsa";

    @Option(names = "--etcd-binary", defaultValue = "/usr/bin/etcd", description = "default: ${DEFAULT-VALUE}")
    public String etcdBinary;

    @Option(names = "--revkv-jar", defaultValue = "store/target/quarkus-app/quarkus-run.jar",
            description = "the packaged store (default: ${DEFAULT-VALUE})")
    public Path revkvJar;

    @Option(names = "--revkv-jvm-args", defaultValue = RECOMMENDED_REVKV_JVM_ARGS,
            description = "JVM flags of the launched revkv (default: ${DEFAULT-VALUE})")
    public String revkvJvmArgs;

    /** How server {@code name} ({@code etcd} or {@code revkv}) starts. */
    public Launcher launcher(String name) {
        return switch (name) {
            case "etcd" -> Launcher.of(List.of(etcdBinary));
            case "revkv" -> revkvLauncher();
            default -> throw new IllegalArgumentException("unknown server '" + name + "'; etcd or revkv");
        };
    }

    /**
     * The packaged store, started as README.md says: from its own directory, with the class-data archive the build
     * writes there when there is one. The JVM loads the archive only when the jar's path is the one the archive
     * recorded, {@code quarkus-run.jar} relative to that directory.
     */
    private Launcher revkvLauncher() {
        Path jar = revkvJar.toAbsolutePath();
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (!revkvJvmArgs.isBlank()) {
            cmd.addAll(List.of(revkvJvmArgs.trim().split("\\s+")));
        }
        if (Files.isRegularFile(jar.resolveSibling(CLASS_DATA_ARCHIVE))) {
            cmd.add("-XX:SharedArchiveFile=" + CLASS_DATA_ARCHIVE);
        }
        cmd.addAll(List.of("-jar", jar.getFileName().toString()));
        return new Launcher(cmd, jar.getParent());
    }

    /** These options as arguments of another subcommand that takes them. */
    public List<String> args() {
        return List.of("--etcd-binary", etcdBinary, "--revkv-jar", revkvJar.toAbsolutePath().toString(),
                "--revkv-jvm-args=" + revkvJvmArgs);
    }
}
