package io.revkv.bench.command;

import io.revkv.bench.BenchMain;
import io.revkv.bench.compare.CompareRun;
import io.revkv.bench.compare.FigureRatios;
import io.revkv.bench.compare.LauncherOptions;
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

    @Option(names = "--rounds", defaultValue = "1", description = "repetitions (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--key-size", defaultValue = "8")
    int keySize;

    @Option(names = "--val-size", defaultValue = "256")
    int valSize;

    @Option(names = "--key-space-size", defaultValue = "10000")
    int keySpaceSize;

    @Option(names = "--scenarios", split = ",", defaultValue = "",
            description = "also run compaction-under-load, defrag-under-load and/or footprint")
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

    @Option(names = "--footprint-keys", defaultValue = "1000000",
            description = "distinct keys of the footprint scenario (default: ${DEFAULT-VALUE})")
    long footprintKeys;

    @Option(names = "--footprint-txn-ops", defaultValue = "1",
            description = "puts per request of the footprint preload (default: ${DEFAULT-VALUE})")
    int footprintTxnOps;

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(out);
        List<CompareRun> runs = new ArrayList<>();
        try (Target etcd = target("etcd"); Target revkv = target("revkv")) {
            List<Target> targets = List.of(etcd, revkv);
            warmUp(targets);
            for (String workload : workloads) {
                if (!workload.isBlank()) {
                    runWorkload(workload, targets, runs);
                }
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

    private void runWorkload(String workload, List<Target> targets, List<CompareRun> runs) throws Exception {
        for (int c : clients) {
            for (int round = 0; round < rounds; round++) {
                for (Target target : targets) {
                    List<String> args = new ArrayList<>(Workloads.args(workload));
                    args.addAll(loadArgs(target.endpoint(), c, duration));
                    runs.add(run(target.name(), workload, c, round, args));
                }
            }
        }
    }

    private void warmUp(List<Target> targets) throws Exception {
        List<String> loads = workloads.stream().filter(w -> !w.isBlank()).toList();
        if (serverWarmup.isZero() || loads.isEmpty()) {
            return;
        }
        Duration each = serverWarmup.dividedBy(loads.size());
        int busiest = clients.stream().max(Integer::compare).orElse(1);
        for (Target target : targets) {
            System.out.println("== warming up " + target.name() + " for " + serverWarmup.toSeconds() + " s");
            for (String workload : loads) {
                List<String> args = new ArrayList<>(Workloads.args(workload));
                args.addAll(loadArgs(target.endpoint(), busiest, each));
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
        for (int round = 0; round < rounds; round++) {
            for (Target target : targets) {
                List<String> args = new ArrayList<>(List.of(scenario, "--preload-revisions",
                        Long.toString(scenarioPreload), "--rate", Double.toString(scenarioRate)));
                args.addAll(loadArgs(target.fresh(), scenarioClients, scenarioDuration));
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

    private List<String> loadArgs(String endpoint, int clientCount, Duration runTime) {
        return List.of("--endpoints", endpoint, "--clients", Integer.toString(clientCount),
                "--conns", Integer.toString(Math.min(conns, clientCount)),
                "--duration", runTime.toMillis() + "ms", "--warmup", warmup.toMillis() + "ms",
                "--key-size", Integer.toString(keySize),
                "--val-size", Integer.toString(valSize), "--key-space-size", Integer.toString(keySpaceSize));
    }

    /** Runs one subcommand in this JVM; a failure is recorded, not fatal, so one unsupported RPC spoils one row. */
    private CompareRun run(String target, String workload, int clientCount, int round, List<String> args)
            throws Exception {
        Path json = out.resolve("runs").resolve(String.join("-", target, workload, "c" + clientCount, "r" + round)
                + ".json");
        Files.deleteIfExists(json);
        List<String> full = new ArrayList<>(args);
        full.addAll(List.of("--json", json.toString()));
        System.out.println("== " + target + " " + workload + " clients=" + clientCount + " round=" + round);
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
            return new CompareRun(target, workload, clientCount, round, null, why);
        }
        return new CompareRun(target, workload, clientCount, round, JsonReports.read(json), null);
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
