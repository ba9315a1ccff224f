package io.revkv.bench.compare;

import java.nio.file.Path;
import java.util.List;

/**
 * How a server process starts: its command, to which {@link Server} appends etcd's flags, and the directory it runs
 * in.
 *
 * @param directory null to run in the server's own work directory; revkv runs in its {@code quarkus-app} directory,
 *                  the only place its class-data archive loads from (see {@link LauncherOptions})
 */
public record Launcher(List<String> command, Path directory) {
    public Launcher {
        command = List.copyOf(command);
    }

    /** {@code command}, run in the server's work directory. */
    public static Launcher of(List<String> command) {
        return new Launcher(command, null);
    }
}
