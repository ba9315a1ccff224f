package io.revkv.bench.command;

import io.revkv.bench.load.Connections;
import io.revkv.bench.load.LoadOptions;
import io.revkv.bench.load.LoadRunner;
import io.revkv.bench.load.Operation;
import io.revkv.bench.load.Plan;
import io.revkv.bench.report.LatencyHistogram;
import io.revkv.bench.report.Progress;
import io.revkv.bench.report.Report;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/**
 * A subcommand that measures one kind of request: opens the connections, lets the subclass prepare (e.g. preload
 * keys), runs the load, prints the summary and writes the JSON.
 */
abstract class LoadCommand implements Callable<Integer> {

    @Mixin
    LoadOptions options;

    /** The request to measure, over the open connections. */
    abstract Operation operation(Connections connections);

    /** Work before the measured run; nothing by default. */
    void prepare(Connections connections) throws Exception {
    }

    /** Called after the warm-up, just before the measured run; nothing by default. */
    void measuring() {
    }

    /** Options of the subclass for the report, added to the common ones. */
    void describe(Map<String, Object> out) {
    }

    @Override
    public Integer call() throws Exception {
        Plan plan = options.plan();
        try (Connections connections = new Connections(options.endpoints, options.conns)) {
            prepare(connections);
            warmUp(connections);
            measuring();
            Report report = measure(name(), plan, operation(connections));
            Reports.emit(report, options);
            return report.sections().values().iterator().next().count() > 0 ? 0 : 1;
        }
    }

    private void warmUp(Connections connections) throws InterruptedException {
        if (!options.warmup.isZero()) {
            Plan warm = Plan.forDuration(options.clients, options.warmup, options.rate);
            new LoadRunner(warm, operation(connections), new LatencyHistogram()).run();
        }
    }

    Report measure(String section, Plan plan, Operation operation) throws InterruptedException {
        LatencyHistogram latencies = new LatencyHistogram();
        LoadRunner runner = new LoadRunner(plan, operation, latencies);
        Duration wall;
        try (Progress p = Progress.start(section, runner::completed, runner::errors, System.err,
                !options.noProgress)) {
            wall = runner.run();
        }
        return Report.of(name(), options.endpoints, optionsMap())
                .section(section, latencies.stats(wall.toNanos() / 1e9))
                .withFirstError(runner.firstError());
    }

    Map<String, Object> optionsMap() {
        Map<String, Object> out = Reports.commonOptions(options);
        describe(out);
        return out;
    }

    String name() {
        return getClass().getAnnotation(picocli.CommandLine.Command.class).name();
    }
}
