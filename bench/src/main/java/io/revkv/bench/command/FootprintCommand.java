package io.revkv.bench.command;

import com.google.protobuf.ByteString;
import io.revkv.bench.compare.LauncherOptions;
import io.revkv.bench.compare.Server;
import io.revkv.bench.load.Connections;
import io.revkv.bench.load.DurationConverter;
import io.revkv.bench.load.Keys;
import io.revkv.bench.report.Report;
import io.revkv.proto.etcdserverpb.KVGrpc;
import io.revkv.proto.etcdserverpb.RangeRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code footprint}: launches a server ({@code --server etcd|revkv}) on a fresh data dir, preloads {@code --keys}
 * distinct keys ({@code --writes} puts over them: more than the keys overwrite values), and reads the process' resident memory after {@code --settle}; then stops it (SIGTERM, waiting for
 * it to exit), starts it again on the same data dir, and measures the time from the process' start to the first
 * Range it answers, and the resident memory once more. It launches the server itself because it measures the
 * process, so it takes no endpoint.
 */
@Command(name = "footprint", mixinStandardHelpOptions = true,
        description = "Resident memory with N keys, and restart time to the first served request.")
public final class FootprintCommand implements Callable<Integer> {

    @Option(names = "--server", required = true, description = "etcd or revkv")
    String server;

    @Mixin
    LauncherOptions launcher;

    @Option(names = "--work-dir", defaultValue = "target/footprint",
            description = "where the server's data dir and log go (default: ${DEFAULT-VALUE})")
    Path workDir;

    @Option(names = "--keys", defaultValue = "1000000", description = "distinct keys (default: ${DEFAULT-VALUE})")
    long keys;

    @Option(names = "--writes", description = "puts of the preload, cycling over the --keys keys, so that more puts "
            + "than keys overwrite each key's value and leave its history (default: --keys, one put a key)")
    Long writes;

    @Option(names = "--key-size", defaultValue = "8", description = "key size in bytes (default: ${DEFAULT-VALUE})")
    int keySize;

    @Option(names = "--val-size", defaultValue = "256",
            description = "value size in bytes (default: ${DEFAULT-VALUE})")
    int valSize;

    @Option(names = "--txn-ops", defaultValue = "1",
            description = "puts per preload request: 1 writes a Put per key, more write Txns of that many puts "
                    + "(default: ${DEFAULT-VALUE})")
    int txnOps;

    @Option(names = "--preload-clients", defaultValue = "64",
            description = "clients (on --conns connections) that write the preload (default: ${DEFAULT-VALUE})")
    int preloadClients;

    @Option(names = "--conns", defaultValue = "4", description = "default: ${DEFAULT-VALUE}")
    int conns;

    @Option(names = "--settle", defaultValue = "5s", converter = DurationConverter.class,
            description = "pause before each memory reading (default: ${DEFAULT-VALUE})")
    Duration settle;

    @Option(names = "--json", description = "also write the results as JSON to this file")
    Path json;

    @Option(names = "--no-progress", description = "do not print the progress line on stderr")
    boolean noProgress;

    @Override
    public Integer call() throws Exception {
        if (keys < 1 || keys > Integer.MAX_VALUE || preloadClients < 1 || conns < 1 || writes() < keys) {
            throw new IllegalArgumentException("--keys, --preload-clients and --conns must be at least 1, and "
                    + "--writes at least --keys");
        }
        try (Server s = Server.start(server, launcher.launcher(server), workDir)) {
            Report report = Report.of("footprint", List.of(s.endpoint()), described());
            long start = System.nanoTime();
            preload(s);
            report.figure("preloadSeconds", (System.nanoTime() - start) / 1e9);
            report.figure("rssAfterLoadBytes", settledResidentBytes(s));
            report.figure("restartToFirstServedMs", s.restart().toNanos() / 1e6);
            long keysAfterRestart = countKeys(s);
            report.figure("keysAfterRestart", keysAfterRestart);
            report.figure("rssAfterRestartBytes", settledResidentBytes(s));
            Reports.emit(report, json);
            // A restart that lost keys measured something else than the store the preload wrote.
            return keysAfterRestart == keys ? 0 : 1;
        }
    }

    private void preload(Server s) throws InterruptedException {
        Keys sequential = new Keys(keySize, (int) keys, true);
        byte[] value = new byte[valSize];
        Arrays.fill(value, (byte) 'v');
        try (Connections connections = new Connections(List.of(s.endpoint()), conns)) {
            new Preload(connections, sequential, ByteString.copyFrom(value), txnOps)
                    .write(writes(), preloadClients, !noProgress);
        }
    }

    private long writes() {
        return writes == null ? keys : writes;
    }

    private long settledResidentBytes(Server s) throws InterruptedException {
        Thread.sleep(settle.toMillis());
        return s.residentBytes();
    }

    /** Every key ({@code "\0"} to {@code "\0"}: etcd's whole key space), counted by the server. */
    private static long countKeys(Server s) throws InterruptedException {
        ByteString all = ByteString.copyFrom(new byte[] {0});
        try (Connections connection = new Connections(List.of(s.endpoint()), 1)) {
            return KVGrpc.newBlockingStub(connection.forClient(0)).range(RangeRequest.newBuilder().setKey(all)
                    .setRangeEnd(all).setCountOnly(true).build()).getCount();
        }
    }

    private Map<String, Object> described() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("server", server);
        out.put("launcher", launcher.launcher(server).command());
        out.put("keys", keys);
        out.put("writes", writes());
        out.put("keySize", keySize);
        out.put("valSize", valSize);
        out.put("txnOps", txnOps);
        out.put("preloadClients", preloadClients);
        out.put("conns", conns);
        out.put("settle", settle.toString());
        return out;
    }
}
