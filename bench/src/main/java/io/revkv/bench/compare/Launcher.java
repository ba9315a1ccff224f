package io.revkv.bench.compare;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How a server process starts: its command, to which {@link Server} appends etcd's flags, the directory it runs in,
 * and what it adds to the bench's environment.
 *
 * @param directory   null to run in the server's own work directory; revkv started by {@code java -jar} runs in its
 *                    {@code quarkus-app} directory, the only place Quarkus' class-data archive loads from (see
 *                    {@link LauncherOptions})
 * @param environment variables set for the process, e.g. the image entrypoint's {@code REVKV_APP} and
 *                    {@code JAVA_OPTS}
 */
public record Launcher(List<String> command, Path directory, Map<String, String> environment) {
    public Launcher {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
    }

    /** {@code command}, run in the server's work directory. */
    public static Launcher of(List<String> command) {
        return new Launcher(command, null, Map.of());
    }
}
