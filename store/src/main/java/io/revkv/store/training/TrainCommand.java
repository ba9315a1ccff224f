package io.revkv.store.training;

import io.quarkus.runtime.Quarkus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code revkv train [--puts N]}: starts a one-member store on free loopback ports with a temporary data directory,
 * runs {@link TrainingLoad} against it once it serves, then stops the member, deletes the directory and exits.
 * Run as {@code java -XX:AOTCacheOutput=app.aot -jar quarkus-run.jar train} it leaves an AOT cache behind; the
 * images/store Dockerfile and images/store/train.sh do that.
 */
@Command(name = "revkv train", mixinStandardHelpOptions = true,
        description = "Runs a throwaway member under a representative load and exits (to record a JVM AOT cache).")
public final class TrainCommand {

    @Option(names = "--puts", defaultValue = "60000",
            description = "Puts of the load; the other requests scale with it (default: ${DEFAULT-VALUE}).")
    int puts;

    private TrainCommand() {
    }

    /**
     * Parses {@code args} (what follows {@code train}), starts the thread that loads the throwaway member once it
     * serves and then asks Quarkus to exit, and returns that member's etcd flags; null after printing the help.
     *
     * @throws CommandLine.ParameterException for flags that are not train's
     */
    public static String[] start(String[] args) {
        TrainCommand command = new TrainCommand();
        CommandLine line = new CommandLine(command);
        line.parseArgs(args);
        if (line.isUsageHelpRequested() || line.isVersionHelpRequested()) {
            line.usage(System.out);
            return null;
        }
        if (command.puts < 1) {
            throw new CommandLine.ParameterException(line, "--puts must be at least 1, not " + command.puts);
        }
        return command.start();
    }

    private String[] start() {
        try {
            Path dataDir = Files.createTempDirectory("revkv-train");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dataDir), "revkv-train-cleanup"));
            String client = "http://127.0.0.1:" + freePort();
            String peer = "http://127.0.0.1:" + freePort();
            Thread load = new Thread(() -> Quarkus.asyncExit(TrainingLoad.runWhenServing(client, puts)),
                    "revkv-train-load");
            load.setDaemon(true);
            load.start();
            return List.of("--name", "train", "--data-dir", dataDir.toString(), "--listen-client-urls", client,
                    "--advertise-client-urls", client, "--listen-peer-urls", peer, "--initial-advertise-peer-urls",
                    peer, "--initial-cluster", "train=" + peer).toArray(String[]::new);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException gone) {
            // nothing left to delete
        }
    }
}
