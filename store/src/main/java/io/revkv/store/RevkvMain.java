package io.revkv.store;

import io.quarkus.runtime.ApplicationLifecycleManager;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.revkv.store.config.EtcdFlags;
import io.revkv.store.snapshot.RestoreCommand;
import io.revkv.store.training.TrainCommand;
import java.util.Arrays;
import java.util.function.BiConsumer;
import org.jboss.logging.Logger;
import picocli.CommandLine;

/**
 * The store's entry point: parses etcd's command line, turns it into the configuration Quarkus reads, and starts
 * the member. Errors in the flags end the process before anything is opened, with a message naming the flag.
 * {@code revkv restore ...} instead restores a snapshot into a new data directory, without starting a member;
 * {@code revkv train ...} starts a throwaway member under a representative load and exits (see {@link TrainCommand}).
 */
@QuarkusMain
public final class RevkvMain {

    private RevkvMain() {
    }

    /**
     * Ratis continues some of its work with {@code thenComposeAsync} on the common fork-join pool. With fewer than
     * three processors that pool has a parallelism of 1, and the JDK then runs every such task on a thread of its
     * own: a follower started a thread for every log append it took (JFR, 3 members on 2 cores: ~1000 in 40 s).
     */
    private static final String COMMON_POOL_PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

    /**
     * A failed start is logged and leaves its reason where kubelet reports it, then the process exits as Quarkus
     * would. Quarkus logs a failed start itself only when no exit handler is given, so this one does.
     */
    private static void exit(Integer code, Throwable failure) {
        if (failure != null) {
            Logger.getLogger(RevkvMain.class).error("Failed to start the member", failure);
            TerminationMessage.write(failure, System.getenv());
        }
        BiConsumer<Integer, Throwable> quarkus = ApplicationLifecycleManager.getDefaultExitCodeHandler();
        if (quarkus != null) {
            quarkus.accept(code, failure);
        } else {
            System.exit(code);
        }
    }

    public static void main(String... args) {
        if (System.getProperty(COMMON_POOL_PARALLELISM) == null) {
            System.setProperty(COMMON_POOL_PARALLELISM,
                    Integer.toString(Math.max(2, Runtime.getRuntime().availableProcessors())));
        }
        if (args.length > 0 && args[0].equals("restore")) {
            System.exit(RestoreCommand.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        EtcdFlags flags = new EtcdFlags();
        boolean training = args.length > 0 && args[0].equals("train");
        try {
            String[] memberArgs = args;
            if (training) {
                memberArgs = TrainCommand.start(Arrays.copyOfRange(args, 1, args.length));
                if (memberArgs == null) {
                    return;
                }
            }
            if (!EtcdFlags.parse(flags, memberArgs, System.getenv())) {
                return;
            }
        } catch (CommandLine.ParameterException e) {
            System.err.println("revkv: " + e.getMessage());
            System.err.println(training ? "Run 'revkv train --help' for its flags."
                    : "Run 'revkv --help' for the flags (they are etcd's).");
            System.exit(2);
        }
        flags.toConfig().forEach(System::setProperty);
        Quarkus.run(null, RevkvMain::exit);
    }
}
