package io.revkv.store;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.revkv.store.config.EtcdFlags;
import io.revkv.store.snapshot.RestoreCommand;
import java.util.Arrays;
import picocli.CommandLine;

/**
 * The store's entry point: parses etcd's command line, turns it into the configuration Quarkus reads, and starts
 * the member. Errors in the flags end the process before anything is opened, with a message naming the flag.
 * {@code revkv restore ...} instead restores a snapshot into a new data directory, without starting a member.
 */
@QuarkusMain
public final class RevkvMain {

    private RevkvMain() {
    }

    public static void main(String... args) {
        if (args.length > 0 && args[0].equals("restore")) {
            System.exit(RestoreCommand.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        EtcdFlags flags = new EtcdFlags();
        try {
            if (!EtcdFlags.parse(flags, args, System.getenv())) {
                return;
            }
        } catch (CommandLine.ParameterException e) {
            System.err.println("revkv: " + e.getMessage());
            System.err.println("Run 'revkv --help' for the flags (they are etcd's).");
            System.exit(2);
        }
        flags.toConfig().forEach(System::setProperty);
        Quarkus.run();
    }
}
