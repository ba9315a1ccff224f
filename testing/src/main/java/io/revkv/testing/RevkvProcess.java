package io.revkv.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * revkv as a process: {@code java [jvm args] -jar quarkus-run.jar} followed by etcd's own flags.
 *
 * <p>The jar comes from system property {@code revkv.app.jar}, which failsafe sets to the store module's
 * {@code target/quarkus-app/quarkus-run.jar} (store/pom.xml; other modules point it there too, see bench/pom.xml). Extra JVM options (space separated) come from
 * {@code revkv.jvm.args}, default {@code -Xmx512m}, and from {@link #jvmOptions(String...)} for the next launches
 * of this process only (e.g. a failpoint that a restart should no longer have).
 */
public final class RevkvProcess extends ServerProcess {

    private final Path jar;
    private List<String> jvmOptions = List.of();

    public RevkvProcess(String name, Path baseDir, String... extraFlags) {
        super(name, baseDir);
        this.jar = appJar();
        useExtraFlags(extraFlags);
    }

    /** The packaged revkv jar; fails with a clear message when it was not built or the property is missing. */
    public static Path appJar() {
        String property = System.getProperty("revkv.app.jar");
        if (property == null || property.isBlank()) {
            throw new IllegalStateException("system property revkv.app.jar is not set; run as a failsafe *IT "
                    + "(./mvnw -B -pl store verify) so that it points at target/quarkus-app/quarkus-run.jar");
        }
        Path path = Path.of(property).toAbsolutePath();
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("revkv jar " + path + " does not exist; package the store module first");
        }
        return path;
    }

    /** JVM options for the following launches, replacing earlier ones; none to clear them. */
    public RevkvProcess jvmOptions(String... options) {
        this.jvmOptions = List.of(options);
        return this;
    }

    @Override
    protected List<String> launcher() {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String jvmArgs = System.getProperty("revkv.jvm.args", "-Xmx512m").trim();
        if (!jvmArgs.isEmpty()) {
            cmd.addAll(Arrays.asList(jvmArgs.split("\\s+")));
        }
        cmd.addAll(jvmOptions);
        cmd.add("-jar");
        cmd.add(jar.toString());
        return cmd;
    }

    @Override
    public Dialect dialect() {
        return Dialect.NEW;
    }
}
