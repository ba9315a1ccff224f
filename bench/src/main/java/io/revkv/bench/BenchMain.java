package io.revkv.bench;

import io.revkv.bench.command.ColdStartCommand;
import io.revkv.bench.command.CompactionUnderLoadCommand;
import io.revkv.bench.command.CompareCommand;
import io.revkv.bench.command.DefragUnderLoadCommand;
import io.revkv.bench.command.FootprintCommand;
import io.revkv.bench.command.LeaderFailoverCommand;
import io.revkv.bench.command.LeaseKeepaliveCommand;
import io.revkv.bench.command.PutCommand;
import io.revkv.bench.command.RangeCommand;
import io.revkv.bench.command.TxnPutCommand;
import io.revkv.bench.command.WatchCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code revkv-bench}: drives any etcd v3 endpoint (revkv or etcd) over gRPC, in the spirit of etcd's
 * {@code tools/benchmark}. Each subcommand prints a human summary on stdout, a progress line on stderr every second,
 * and, with {@code --json FILE}, the same numbers as JSON.
 */
@Command(name = "revkv-bench", mixinStandardHelpOptions = true, version = "revkv-bench 0.1.0",
        description = "Load tool for etcd v3 endpoints (revkv or etcd).",
        subcommands = {PutCommand.class, RangeCommand.class, TxnPutCommand.class, WatchCommand.class,
                LeaseKeepaliveCommand.class, CompactionUnderLoadCommand.class, DefragUnderLoadCommand.class,
                FootprintCommand.class, LeaderFailoverCommand.class, CompareCommand.class,
                ColdStartCommand.class})
public final class BenchMain {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured picocli command line; tests parse with it without running anything. */
    public static CommandLine commandLine() {
        return new CommandLine(new BenchMain()).setExecutionExceptionHandler((error, cmd, parsed) -> {
            // A failed run is usually the server's answer (e.g. UNIMPLEMENTED): one line, not a stack trace.
            cmd.getErr().println(cmd.getCommandName() + " failed: " + error);
            return 1;
        });
    }
}
