package io.revkv.bench.compare;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * How the bench launches the servers it compares: etcd's binary, and the packaged revkv. By default revkv runs as
 * {@code java <flags> -jar}, with the flags docs/performance.md's figures before the images used (a fixed heap, and
 * the heap-shrinking flags); {@code --revkv-entrypoint} runs it as README.md and the store image do instead, with
 * the image's memory settings and its AOT cache or class-data archive.
 */
public final class LauncherOptions {
    /** The JVM flags of {@code java -jar} runs (docs/performance.md says why each). */
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

    @Option(names = "--revkv-entrypoint", description = "run revkv as its image does: this script "
            + "(images/java-entrypoint.sh) with REVKV_APP set to --revkv-jar's directory, its JVM flags and AOT cache "
            + "or class-data archive; --revkv-jvm-args, when given, become JAVA_OPTS")
    public Path revkvEntrypoint;

    @Option(names = "--revkv-java-home", description = "the JDK revkv runs on (default: the bench's own)")
    public Path revkvJavaHome;

    /** How server {@code name} ({@code etcd} or {@code revkv}) starts. */
    public Launcher launcher(String name) {
        return switch (name) {
            case "etcd" -> Launcher.of(List.of(etcdBinary));
            case "revkv" -> revkvEntrypoint != null ? imageLauncher() : revkvLauncher();
            default -> throw new IllegalArgumentException("unknown server '" + name + "'; etcd or revkv");
        };
    }

    /**
     * The packaged store, started by {@code java -jar} from its own directory, with the class-data archive the build
     * writes there when there is one. The JVM loads the archive only when the jar's path is the one the archive
     * recorded, {@code quarkus-run.jar} relative to that directory.
     */
    private Launcher revkvLauncher() {
        Path jar = revkvJar.toAbsolutePath();
        List<String> cmd = new ArrayList<>();
        cmd.add(javaHome().resolve("bin/java").toString());
        if (!revkvJvmArgs.isBlank()) {
            cmd.addAll(List.of(revkvJvmArgs.trim().split("\\s+")));
        }
        if (Files.isRegularFile(jar.resolveSibling(CLASS_DATA_ARCHIVE))) {
            cmd.add("-XX:SharedArchiveFile=" + CLASS_DATA_ARCHIVE);
        }
        cmd.addAll(List.of("-jar", jar.getFileName().toString()));
        return new Launcher(cmd, jar.getParent(), Map.of());
    }

    /**
     * The store as its image starts it: the entrypoint script, in the server's work directory, with the app directory
     * and the JDK in its environment. The recommended flags are the {@code java -jar} way's; the entrypoint has its
     * own, so only flags given on purpose reach it.
     */
    private Launcher imageLauncher() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("REVKV_APP", revkvJar.toAbsolutePath().getParent().toString());
        env.put("JAVA_HOME", javaHome().toString());
        if (!revkvJvmArgs.equals(RECOMMENDED_REVKV_JVM_ARGS)) {
            env.put("JAVA_OPTS", revkvJvmArgs);
        }
        return new Launcher(List.of(revkvEntrypoint.toAbsolutePath().toString()), null, env);
    }

    private Path javaHome() {
        return revkvJavaHome != null ? revkvJavaHome : Path.of(System.getProperty("java.home"));
    }

    /** These options as arguments of another subcommand that takes them. */
    public List<String> args() {
        List<String> args = new ArrayList<>(List.of("--etcd-binary", etcdBinary, "--revkv-jar",
                revkvJar.toAbsolutePath().toString(), "--revkv-jvm-args=" + revkvJvmArgs));
        if (revkvEntrypoint != null) {
            args.addAll(List.of("--revkv-entrypoint", revkvEntrypoint.toAbsolutePath().toString()));
        }
        if (revkvJavaHome != null) {
            args.addAll(List.of("--revkv-java-home", revkvJavaHome.toString()));
        }
        return args;
    }
}
