package io.revkv.bench.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options every load subcommand shares (etcd's {@code tools/benchmark} names). A run stops at {@code --total}
 * requests or after {@code --duration}, whichever comes first; with neither it sends 10000 requests.
 */
public final class LoadOptions {
    static final long DEFAULT_TOTAL = 10_000;

    @Option(names = "--endpoints", split = ",", defaultValue = "127.0.0.1:2379",
            description = "gRPC endpoints, host:port or http://host:port, comma separated (default: ${DEFAULT-VALUE})")
    public List<String> endpoints;

    @Option(names = "--clients", defaultValue = "1", description = "concurrent clients (default: ${DEFAULT-VALUE})")
    public int clients;

    @Option(names = "--conns", defaultValue = "1",
            description = "gRPC connections shared by the clients (default: ${DEFAULT-VALUE})")
    public int conns;

    @Option(names = "--total", description = "requests to send (default 10000 unless --duration is given)")
    public Long total;

    @Option(names = "--duration", converter = DurationConverter.class, description = "run time, e.g. 10s, 2m")
    public Duration duration;

    @Option(names = "--rate", defaultValue = "0",
            description = "requests per second over all clients; 0 = as fast as possible (default: ${DEFAULT-VALUE})")
    public double rate;

    @Option(names = "--key-size", defaultValue = "8", description = "key size in bytes (default: ${DEFAULT-VALUE})")
    public int keySize;

    @Option(names = "--val-size", defaultValue = "8", description = "value size in bytes (default: ${DEFAULT-VALUE})")
    public int valSize;

    @Option(names = "--key-space-size", defaultValue = "1",
            description = "number of distinct keys (default: ${DEFAULT-VALUE})")
    public int keySpaceSize;

    @Option(names = "--sequential-keys", description = "cycle through the key space instead of picking at random")
    public boolean sequentialKeys;

    @Option(names = "--warmup", defaultValue = "0s", converter = DurationConverter.class,
            description = "unmeasured load before the run, e.g. 2s, so that JIT compilers are warm "
                    + "(default: ${DEFAULT-VALUE})")
    public Duration warmup;

    @Option(names = "--json", description = "also write the results as JSON to this file")
    public Path json;

    @Option(names = "--no-progress", description = "do not print the progress line on stderr")
    public boolean noProgress;

    /** The run's stop condition; checks the numbers a user can get wrong. */
    public Plan plan() {
        if (clients < 1 || conns < 1 || keySize < 1 || valSize < 0 || keySpaceSize < 1 || rate < 0) {
            throw new IllegalArgumentException("--clients, --conns, --key-size and --key-space-size must be at least "
                    + "1; --val-size and --rate must not be negative");
        }
        long requests = total != null ? total : duration == null ? DEFAULT_TOTAL : 0;
        return new Plan(clients, requests, duration, rate);
    }

    public Keys keys() {
        return new Keys(keySize, keySpaceSize, sequentialKeys);
    }

    /** Number of bytes of the values; the content is fixed, as in etcd's benchmark. */
    public byte[] value() {
        byte[] value = new byte[valSize];
        java.util.Arrays.fill(value, (byte) 'v');
        return value;
    }
}
