package io.revkv.bench.command;

import io.revkv.bench.BenchMain;
import io.revkv.bench.compare.CompareRun;
import io.revkv.bench.compare.FigureRatios;
import io.revkv.bench.compare.LauncherOptions;
import io.revkv.bench.compare.LoadTarget;
import io.revkv.bench.compare.Machine;
import io.revkv.bench.compare.ComparePlot;
import io.revkv.bench.compare.Ratios;
import io.revkv.bench.compare.Target;
import io.revkv.bench.load.DurationConverter;
import io.revkv.bench.report.JsonReports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code compare}: runs the same workloads against etcd and revkv, alternately (etcd, revkv, etcd, revkv, ...) so
 * that machine noise hits both, then prints revkv/etcd ratio tables and writes {@code compare.json} (every run's
 * report) and {@code compare.png}. It launches etcd ({@code --etcd-binary}) and the packaged revkv
 * ({@code --revkv-jar}) on free loopback ports with fresh data dirs, unless endpoints are given. The under-load
 * scenarios each get fresh servers; the footprint scenario launches and restarts its own.
 *
 * <p>With {@code --members 3} (or {@code 1,3}) it launches clusters of 3 members of each server on loopback, and runs
 * the workloads once per {@code --target}: spread over every member's endpoint ({@code all}, as etcd's
 * {@code benchmark} with several {@code --endpoints}) or on the leader alone ({@code leader}). Each cluster shape and
 * round gets fresh clusters, warmed up once. The leader-failover scenario launches its own 3-member clusters, as the
 * footprint scenario launches its own servers.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Compare revkv with etcd on the same workloads, run alternately.")
public final class CompareCommand implements Callable<Integer> {

    @Mixin
    LauncherOptions launcher;

    @Option(names = "--etcd-endpoint", description = "use this etcd instead of launching one")
    String etcdEndpoint;

    @Option(names = "--revkv-endpoint", description = "use this revkv instead of launching one")
    String revkvEndpoint;

    @Option(names = "--out", defaultValue = "target/compare", description = "output dir (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--workloads", split = ",", defaultValue = "put,range-l,range-s,txn-put",
            description = "of put, range-l, range-s, txn-put, watch, lease-keepalive (default: ${DEFAULT-VALUE})")
    List<String> workloads;

    @Option(names = "--clients", split = ",", defaultValue = "1,16,64", description = "default: ${DEFAULT-VALUE}")
    List<Integer> clients;

    @Option(names = "--conns", defaultValue = "4", description = "connections, at most one per client "
            + "(default: ${DEFAULT-VALUE})")
    int conns;

    @Option(names = "--duration", defaultValue = "5s", converter = DurationConverter.class,
            description = "per run (default: ${DEFAULT-VALUE})")
    Duration duration;

    @Option(names = "--warmup", defaultValue = "1s", converter = DurationConverter.class,
            description = "unmeasured load before each run (default: ${DEFAULT-VALUE})")
    Duration warmup;

    @Option(names = "--server-warmup", defaultValue = "20s", converter = DurationConverter.class,
            description = "unmeasured load, spread over the workloads, that each server gets once before its first "
                    + "run: a JVM compiles its hot paths in the first seconds, a long-running server has them "
                    + "compiled (default: ${DEFAULT-VALUE})")
    Duration serverWarmup;

    @Option(names = "--members", split = ",", defaultValue = "1",
            description = "cluster sizes to compare, e.g. 1,3 (default: ${DEFAULT-VALUE})")
    List<Integer> members;

    @Option(names = "--target", split = ",", defaultValue = "all", description = "where the load on a cluster of "
            + "several members goes: all (every member's endpoint) and/or leader (default: ${DEFAULT-VALUE})")
    List<String> loadTargets;

    @Option(names = "--rounds", defaultValue = "1", description = "repetitions (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--key-size", defaultValue = "8")
    int keySize;

    @Option(names = "--val-size", defaultValue = "256")
    int valSize;

    @Option(names = "--key-space-size", defaultValue = "10000")
    int keySpaceSize;

    @Option(names = "--scenarios", split = ",", defaultValue = "",
            description = "also run compaction-under-load, defrag-under-load, footprint and/or leader-failover")
    List<String> scenarios;

    @Option(names = "--scenario-preload", defaultValue = "50000", description = "revisions (default: ${DEFAULT-VALUE})")
    long scenarioPreload;

    @Option(names = "--scenario-rate", defaultValue = "500", description = "req/s (default: ${DEFAULT-VALUE})")
    double scenarioRate;

    @Option(names = "--scenario-clients", defaultValue = "16", description = "default: ${DEFAULT-VALUE}")
    int scenarioClients;

    @Option(names = "--scenario-duration", defaultValue = "10s", converter = DurationConverter.class,
            description = "compaction-under-load phase length (default: ${DEFAULT-VALUE})")
    Duration scenarioDuration;

    @Option(names = "--scenario-warmup-compaction", defaultValue = "5",
            description = "percent of the history compaction-under-load compacts during its warm-up "
                    + "(default: ${DEFAULT-VALUE})")
    int scenarioWarmupCompaction;

    @Option(names = "--failover-clients", defaultValue = "4",
            description = "writers of the leader-failover scenario (default: ${DEFAULT-VALUE})")
    int failoverClients;

    @Option(names = "--failover-rate", defaultValue = "100", description = "writes per second of the "
            + "leader-failover scenario, well below what 3 members take (default: ${DEFAULT-VALUE})")
    double failoverRate;

    @Option(names = "--failover-after", defaultValue = "5s", converter = DurationConverter.class,
            description = "leader-failover: writes measured after the kill (default: ${DEFAULT-VALUE})")
    Duration failoverAfter;

    @Option(names = "--footprint-keys", defaultValue = "1000000",
            description = "distinct keys of the footprint scenario (default: ${DEFAULT-VALUE})")
    long footprintKeys;

    @Option(names = "--footprint-txn-ops", defaultValue = "1",
            description = "puts per request of the footprint preload (default: ${DEFAULT-VALUE})")
    int footprintTxnOps;

    @Override
    public Integer call() throws Exception {
        List<LoadTarget> wheres = loadTargets.stream().map(LoadTarget::parse).distinct().toList();
        if (members.stream().anyMatch(m -> m < 1) || wheres.isEmpty()) {
            throw new IllegalArgumentException("--members must be at least 1 and --target all and/or leader");
        }
        Files.createDirectories(out);
        List<CompareRun> runs = new ArrayList<>();
        try (Target etcd = target("etcd"); Target revkv = target("revkv")) {
            List<Target> targets = List.of(etcd, revkv);
            for (int size : members) {
                runShape(size, wheres, targets, runs);
            }
            for (String scenario : scenarios) {
                if (!scenario.isBlank()) {
                    runScenario(scenario, targets, runs);
                }
            }
        }
        return finish(runs);
    }

    private Target target(String name) {
        String given = name.equals("etcd") ? etcdEndpoint : revkvEndpoint;
        if (given != null) {
            return Target.given(name, given);
        }
        return Target.launched(name, launcher.launcher(name), out.resolve("servers"));
    }

    /** Every round on fresh clusters of {@code size} members, warmed up, then the workloads per target. */
    private void runShape(int size, List<LoadTarget> wheres, List<Target> targets, List<CompareRun> runs)
            throws Exception {
        List<String> loads = workloads.stream().filter(w -> !w.isBlank()).toList();
        if (loads.isEmpty()) {
            return;
        }
        for (int round = 0; round < rounds; round++) {
            for (Target target : targets) {
                target.fresh(size);
            }
            warmUp(targets, size, loads);
            for (LoadTarget where : size == 1 ? List.of(LoadTarget.ALL) : wheres) {
                for (String workload : loads) {
                    runWorkload(size, where, workload, round, targets, runs);
                }
            }
        }
    }

    private void runWorkload(int size, LoadTarget where, String workload, int round, List<Target> targets,
                             List<CompareRun> runs) throws Exception {
        String shape = CompareRun.cluster(size, where);
        for (int c : clients) {
            for (Target target : targets) {
                List<String> args = new ArrayList<>(Workloads.args(workload));
                args.addAll(loadArgs(target.endpoints(size, where), c, duration));
                runs.add(run(target.name(), shape, workload, c, round, args));
            }
        }
    }

    private void warmUp(List<Target> targets, int size, List<String> loads) throws Exception {
        if (serverWarmup.isZero()) {
            return;
        }
        Duration each = serverWarmup.dividedBy(loads.size());
        int busiest = clients.stream().max(Integer::compare).orElse(1);
        for (Target target : targets) {
            System.out.println("== warming up " + target.name() + " (" + size + " members) for "
                    + serverWarmup.toSeconds() + " s");
            for (String workload : loads) {
                List<String> args = new ArrayList<>(Workloads.args(workload));
                args.addAll(loadArgs(target.endpoints(size, LoadTarget.ALL), busiest, each));
                args.add("--no-progress");
                BenchMain.commandLine().execute(args.toArray(String[]::new));
            }
        }
    }

    private void runScenario(String scenario, List<Target> targets, List<CompareRun> runs) throws Exception {
        if (scenario.equals("footprint")) {
            runFootprint(targets, runs);
            return;
        }
        if (scenario.equals("leader-failover")) {
            runFailover(targets, runs);
            return;
        }
        for (int round = 0; round < rounds; round++) {
            for (Target target : targets) {
                List<String> args = new ArrayList<>(List.of(scenario, "--preload-revisions",
                        Long.toString(scenarioPreload), "--rate", Double.toString(scenarioRate)));
                args.addAll(loadArgs(List.of(target.fresh()), scenarioClients, scenarioDuration));
                if (scenario.equals("compaction-under-load")) {
                    args.addAll(List.of("--warmup-compaction", Integer.toString(scenarioWarmupCompaction)));
                }
                runs.add(run(target.name(), scenario, scenarioClients, round, args));
            }
        }
    }

    /**
     * The footprint scenario launches its own servers (it measures their processes), one at a time: the compared
     * servers are stopped first, so that only the measured one uses the machine.
     */
    private void runFootprint(List<Target> targets, List<CompareRun> runs) throws Exception {
        targets.forEach(Target::close);
        for (int round = 0; round < rounds; round++) {
            for (Target target : targets) {
                if (!target.launched()) {
                    runs.add(new CompareRun(target.name(), "footprint", 0, round, null,
                            "footprint measures a server the bench launches, not --" + target.name() + "-endpoint"));
                    continue;
                }
                List<String> args = new ArrayList<>(List.of("footprint", "--server", target.name(),
                        "--work-dir", out.resolve("servers").toString(), "--keys", Long.toString(footprintKeys),
                        "--txn-ops", Integer.toString(footprintTxnOps), "--key-size", Integer.toString(keySize),
                        "--val-size", Integer.toString(valSize), "--conns", Integer.toString(conns)));
                args.addAll(launcher.args());
                runs.add(run(target.name(), "footprint", 0, round, args));
            }
        }
    }

    /**
     * The leader-failover scenario kills a member of a cluster it launches itself, one cluster at a time, with the
     * compared servers stopped first.
     */
    private void runFailover(List<Target> targets, List<CompareRun> runs) throws Exception {
        targets.forEach(Target::close);
        String shape = CompareRun.cluster(3, LoadTarget.ALL);
        for (int round = 0; round < rounds; round++) {
            for (Target target : targets) {
                if (!target.launched()) {
                    runs.add(new CompareRun(target.name(), shape, "leader-failover", failoverClients, round, null,
                            "leader-failover kills a member the bench launches, not --" + target.name()
                                    + "-endpoint"));
                    continue;
                }
                List<String> args = new ArrayList<>(List.of("leader-failover", "--server", target.name(),
                        "--members", "3", "--work-dir", out.resolve("servers").toString(),
                        "--clients", Integer.toString(failoverClients), "--rate", Double.toString(failoverRate),
                        "--warmup", warmup.toMillis() + "ms", "--after", failoverAfter.toMillis() + "ms",
                        "--key-size", Integer.toString(keySize), "--val-size", Integer.toString(valSize),
                        "--key-space-size", Integer.toString(keySpaceSize), "--no-progress"));
                args.addAll(launcher.args());
                runs.add(run(target.name(), shape, "leader-failover", failoverClients, round, args));
            }
        }
    }

    /**
     * A load on {@code endpoints}: at least one connection per endpoint as far as the clients go, so that a cluster's
     * load reaches every member listed.
     */
    private List<String> loadArgs(List<String> endpoints, int clientCount, Duration runTime) {
        int connections = Math.min(Math.max(conns, endpoints.size()), clientCount);
        return List.of("--endpoints", String.join(",", endpoints), "--clients", Integer.toString(clientCount),
                "--conns", Integer.toString(connections),
                "--duration", runTime.toMillis() + "ms", "--warmup", warmup.toMillis() + "ms",
                "--key-size", Integer.toString(keySize),
                "--val-size", Integer.toString(valSize), "--key-space-size", Integer.toString(keySpaceSize));
    }

    private CompareRun run(String target, String workload, int clientCount, int round, List<String> args)
            throws Exception {
        return run(target, CompareRun.SINGLE, workload, clientCount, round, args);
    }

    /** Runs one subcommand in this JVM; a failure is recorded, not fatal, so one unsupported RPC spoils one row. */
    private CompareRun run(String target, String shape, String workload, int clientCount, int round,
                           List<String> args) throws Exception {
        String cell = String.join("-", target, "m" + shape.replace('/', '-'), workload, "c" + clientCount,
                "r" + round);
        Path json = out.resolve("runs").resolve(cell + ".json");
        Files.deleteIfExists(json);
        List<String> full = new ArrayList<>(args);
        full.addAll(List.of("--json", json.toString()));
        System.out.println("== " + target + " members=" + shape + " " + workload + " clients=" + clientCount
                + " round=" + round);
        String[] failure = {null};
        CommandLine cmd = BenchMain.commandLine();
        IExecutionExceptionHandler print = cmd.getExecutionExceptionHandler();
        cmd.setExecutionExceptionHandler((error, c, parsed) -> {
            failure[0] = String.valueOf(error);
            return print.handleExecutionException(error, c, parsed);
        });
        int exit = cmd.execute(full.toArray(String[]::new));
        if (exit != 0 || !Files.exists(json)) {
            String why = failure[0] != null ? failure[0] : "exit code " + exit;
            return new CompareRun(target, shape, workload, clientCount, round, null, why);
        }
        return new CompareRun(target, shape, workload, clientCount, round, JsonReports.read(json), null);
    }

    private int finish(List<CompareRun> runs) throws Exception {
        List<CompareRun> loads = runs.stream().filter(r -> !scenarios.contains(r.workload())).toList();
        List<Ratios.Row> rows = Ratios.rows(loads);
        if (!rows.isEmpty()) {
            System.out.println();
            System.out.println("revkv / etcd (throughput ratio > 1 and latency ratio < 1 favour revkv)");
            System.out.print(Ratios.table(rows));
        }
        System.out.print(ScenarioTable.format(runs, scenarios));
        List<FigureRatios.Row> figureRatios = FigureRatios.rows(runs, scenarios);
        if (!figureRatios.isEmpty()) {
            System.out.println();
            System.out.println("scenario figures, revkv / etcd");
            System.out.print(FigureRatios.table(figureRatios));
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("machine", Machine.describe());
        doc.put("ratios", rows);
        doc.put("figureRatios", figureRatios);
        doc.put("runs", runs);
        JsonReports.write(out.resolve("compare.json"), doc);
        System.out.println("wrote " + out.resolve("compare.json"));
        if (!loads.isEmpty()) {
            ComparePlot.write(loads, out.resolve("compare.png"));
            System.out.println("wrote " + out.resolve("compare.png"));
        }
        return runs.stream().allMatch(r -> r.report() != null) ? 0 : 2;
    }
}
