package io.revkv.bench.command;

import io.revkv.bench.compare.Cluster;
import io.revkv.bench.compare.ColdStartRatios;
import io.revkv.bench.compare.ColdStartRun;
import io.revkv.bench.compare.FigureRatios;
import io.revkv.bench.compare.LauncherOptions;
import io.revkv.bench.compare.Server;
import io.revkv.bench.report.Report;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code coldstart}: how etcd and revkv serve from process start. For each cluster size and round it launches a fresh
 * cluster of etcd, then one of revkv (new data dirs, so that both see the same machine state), measures the time from
 * launching the processes to every member serving, then sends {@code --windows} consecutive windows of
 * {@code --window-puts} puts, etcd's {@code benchmark put} shape, spread over every member, and records each window's
 * rate and the members' memory at the end. Window 1 is the cold figure, windows 2..N the warm ones. It ends with the
 * revkv/etcd ratios, medians over the rounds.
 *
 * <p>The load runs in this JVM, or with {@code --load-tool} as etcd's own {@code benchmark} binary per window. In this
 * JVM the bench's own client compiles its hot paths in the first thousands of requests, which would slow whichever
 * server came first; {@code --client-warmup-puts} puts against a throwaway etcd before the first measured cluster
 * spare the measured windows that.
 */
@Command(name = "coldstart", mixinStandardHelpOptions = true,
        description = "Rate of the first windows of puts from process start, and time to first served request, "
                + "etcd against revkv.")
public final class ColdStartCommand implements Callable<Integer> {
    private static final List<String> SERVERS = List.of("etcd", "revkv");

    @Mixin
    LauncherOptions launcher;

    @Option(names = "--members", split = ",", defaultValue = "1,3",
            description = "cluster sizes (default: ${DEFAULT-VALUE})")
    List<Integer> members;

    @Option(names = "--rounds", defaultValue = "3", description = "fresh clusters per size and server "
            + "(default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--windows", defaultValue = "8", description = "windows of puts per cluster "
            + "(default: ${DEFAULT-VALUE})")
    int windows;

    @Option(names = "--window-puts", defaultValue = "15000", description = "puts per window (default: ${DEFAULT-VALUE})")
    int windowPuts;

    @Option(names = "--clients", defaultValue = "64", description = "default: ${DEFAULT-VALUE}")
    int clients;

    @Option(names = "--conns", defaultValue = "64", description = "default: ${DEFAULT-VALUE}")
    int conns;

    @Option(names = "--key-size", defaultValue = "8", description = "default: ${DEFAULT-VALUE}")
    int keySize;

    @Option(names = "--val-size", defaultValue = "256", description = "default: ${DEFAULT-VALUE}")
    int valSize;

    @Option(names = "--key-space-size", defaultValue = "100000", description = "random keys over this many "
            + "(default: ${DEFAULT-VALUE})")
    int keySpaceSize;

    @Option(names = "--load-tool", description = "etcd's benchmark binary (bench/etcd-benchmark.sh builds it), run "
            + "once per window instead of the load in this JVM")
    Path loadTool;

    @Option(names = "--client-warmup-puts", defaultValue = "15000", description = "unmeasured puts against a "
            + "throwaway etcd before the first cluster, to compile this JVM's client; 0 for none, unused with "
            + "--load-tool (default: ${DEFAULT-VALUE})")
    int clientWarmupPuts;

    @Option(names = "--work-dir", defaultValue = "target/coldstart",
            description = "where the servers' data dirs and logs go (default: ${DEFAULT-VALUE})")
    Path workDir;

    @Option(names = "--json", description = "also write the results as JSON to this file")
    Path json;

    @Option(names = "--no-progress", description = "do not print progress on stderr")
    boolean noProgress;

    @Override
    public Integer call() throws Exception {
        validate();
        WindowLoad.Shape shape = new WindowLoad.Shape(windowPuts, clients, conns, keySize, valSize, keySpaceSize);
        WindowLoad load = loadTool == null ? new WindowedPuts(shape)
                : new LoadToolPuts(loadTool, shape, workDir.resolve("load-tool.log"));
        if (loadTool == null && clientWarmupPuts > 0) {
            warmUpClient(new WindowedPuts(shape.withPuts(clientWarmupPuts)));
        }
        List<ColdStartRun> runs = new ArrayList<>();
        List<String> endpoints = new ArrayList<>();
        for (int size : members) {
            for (int round = 1; round <= rounds; round++) {
                for (String server : SERVERS) {
                    runs.add(measure(server, size, round, load, endpoints));
                }
            }
        }
        List<FigureRatios.Row> ratios = ColdStartRatios.rows(runs);
        Reports.emit(report(load, runs, ratios, endpoints), json);
        System.out.println();
        System.out.println("medians over rounds; ratio = revkv / etcd of the same round (rates > 1 and time, memory "
                + "< 1 favour revkv); window 1 is cold, windows 2.." + windows + " warm");
        System.out.print(FigureRatios.table(ratios));
        // A window with failed puts measured something else than the server's rate.
        return runs.stream().allMatch(r -> r.errors() == 0) ? 0 : 1;
    }

    private void validate() {
        if (members.stream().anyMatch(m -> m < 1) || rounds < 1 || windows < 1 || windowPuts < 1 || clients < 1
                || conns < 1 || keySize < 1 || valSize < 0 || keySpaceSize < 1 || clientWarmupPuts < 0) {
            throw new IllegalArgumentException("--members, --rounds, --windows, --window-puts, --clients, --conns, "
                    + "--key-size and --key-space-size must be at least 1; --val-size and --client-warmup-puts must "
                    + "not be negative");
        }
        if (loadTool != null && !Files.isExecutable(loadTool)) {
            throw new IllegalArgumentException("--load-tool " + loadTool + " is not an executable file");
        }
    }

    private void warmUpClient(WindowLoad warmup) throws Exception {
        progress("warming up this JVM's client against a throwaway etcd");
        try (Cluster cluster = Cluster.start("etcd", launcher.launcher("etcd"), workDir.resolve("client-warmup"), 1)) {
            warmup.run(cluster.endpoints());
        }
    }

    /** One fresh cluster: time to serve, the windows from the start on, memory at the end. */
    private ColdStartRun measure(String server, int size, int round, WindowLoad load, List<String> endpoints)
            throws Exception {
        String label = String.format(Locale.ROOT, "%s members=%d round %d/%d", server, size, round, rounds);
        try (Cluster cluster = Cluster.start(server, launcher.launcher(server), workDir, size)) {
            double firstServedMs = cluster.timeToServe().toNanos() / 1e6;
            progress(String.format(Locale.ROOT, "%s: serving %.0f ms after launch", label, firstServedMs));
            // Every member's endpoint, in member order: the clients' many connections spread over all of them, as
            // compare --target all. Not LoadTarget, whose leader lookup would delay the cold window.
            List<String> targets = cluster.endpoints();
            endpoints.addAll(targets);
            List<Double> rates = new ArrayList<>();
            long errors = 0;
            for (int w = 1; w <= windows; w++) {
                WindowLoad.Rate rate = load.run(targets);
                rates.add(rate.putsPerSec());
                errors += rate.errors();
                progress(String.format(Locale.ROOT, "%s window %d/%d: %.0f puts/s, %d errors", label, w, windows,
                        rate.putsPerSec(), rate.errors()));
            }
            long rss = cluster.members().stream().mapToLong(Server::residentBytes).sum();
            return new ColdStartRun(server, size, round, firstServedMs, rates, errors, rss);
        }
    }

    private void progress(String line) {
        if (!noProgress) {
            System.err.println("coldstart " + line);
        }
    }

    private Report report(WindowLoad load, List<ColdStartRun> runs, List<FigureRatios.Row> ratios,
                          List<String> endpoints) {
        Report report = Report.of("coldstart", endpoints, described(load));
        report.figure("load", load.describe());
        for (ColdStartRun run : runs) {
            String prefix = run.server() + "." + ColdStartRatios.sizeLabel(run.members()) + ".r" + run.round() + ".";
            run.figures().forEach((name, value) -> report.figure(prefix + name, value));
            report.figure(prefix + "errors", run.errors());
        }
        ColdStartRatios.figures(ratios).forEach(report::figure);
        return report;
    }

    private Map<String, Object> described(WindowLoad load) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("load", load.describe());
        out.put("members", members);
        out.put("rounds", rounds);
        out.put("windows", windows);
        out.put("windowPuts", windowPuts);
        out.put("clients", clients);
        out.put("conns", conns);
        out.put("keySize", keySize);
        out.put("valSize", valSize);
        out.put("keySpaceSize", keySpaceSize);
        out.put("clientWarmupPuts", loadTool == null ? clientWarmupPuts : 0);
        out.put("etcdLauncher", launcher.launcher("etcd").command());
        out.put("revkvLauncher", launcher.launcher("revkv").command());
        return out;
    }
}
