package io.revkv.store.snapshot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code revkv restore <snapshot-file> --data-dir <dir>}: runs {@link SnapshotRestore} and reports the outcome. */
@Command(name = "revkv restore", mixinStandardHelpOptions = true,
        description = "Restores a snapshot (from 'etcdctl snapshot save' against revkv) into a new data directory.")
public final class RestoreCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "<snapshot-file>", description = "The snapshot file to restore.")
    Path snapshot;

    @Option(names = "--data-dir", required = true,
            description = "The new data directory; start revkv with the same --data-dir afterwards.")
    Path dataDir;

    /** Parses {@code args} (what follows {@code restore}) and restores; returns the process exit code. */
    public static int run(String... args) {
        return new CommandLine(new RestoreCommand()).execute(args);
    }

    @Override
    public Integer call() {
        try {
            SnapshotRestore.restore(snapshot, dataDir);
        } catch (InvalidSnapshotException | IOException e) {
            System.err.println("revkv restore: " + e.getMessage());
            return 1;
        }
        System.out.println("restored " + snapshot + " into " + dataDir);
        return 0;
    }
}
