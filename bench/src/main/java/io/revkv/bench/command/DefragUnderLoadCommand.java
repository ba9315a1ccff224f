package io.revkv.bench.command;

import io.revkv.bench.load.Connections;
import io.revkv.bench.load.DurationConverter;
import io.revkv.bench.load.LoadOptions;
import io.revkv.bench.report.Report;
import io.revkv.bench.report.Stats;
import io.revkv.bench.report.TimedSamples;
import io.revkv.proto.etcdserverpb.DefragmentRequest;
import io.revkv.proto.etcdserverpb.MaintenanceGrpc;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code defrag-under-load}: preloads history and compacts it (so there is space to reclaim), then runs a steady
 * put+range probe at {@code --rate} for {@code --before}, calls Maintenance.Defragment, and goes on for
 * {@code --after}. Each request's latency counts from its due time, so a member that stalls during the defrag
 * shows the whole stall (etcd's bbolt defrag blocks every request for its duration).
 */
@Command(name = "defrag-under-load", mixinStandardHelpOptions = true,
        description = "Latency of a steady put+range probe across a Maintenance.Defragment.")
public final class DefragUnderLoadCommand implements Callable<Integer> {

    @Mixin
    LoadOptions options;

    @Mixin
    PreloadOptions preload;

    @Mixin
    SamplesOption samplesFile;

    @Option(names = "--before", defaultValue = "3s", converter = DurationConverter.class,
            description = "probe time before the defrag (default: ${DEFAULT-VALUE})")
    Duration before;

    @Option(names = "--after", defaultValue = "3s", converter = DurationConverter.class,
            description = "probe time after the defrag (default: ${DEFAULT-VALUE})")
    Duration after;

    @Override
    public Integer call() throws Exception {
        Map<String, Object> described = Reports.commonOptions(options);
        described.put("preloadRevisions", preload.revisions);
        described.put("preloadClients", preload.clients);
        try (Connections connections = new Connections(options.endpoints, options.conns)) {
            Scenario scenario = new Scenario(options, connections);
            described.put("rate", scenario.rate());
            scenario.preload(preload.revisions, preload.clients);
            scenario.compact(scenario.currentRevision());
            Report report = Report.of("defrag-under-load", options.endpoints, described);
            report.figure("dbSizeBefore", scenario.dbSize());
            probeAcrossDefrag(scenario, connections, report);
            report.figure("dbSizeAfter", scenario.dbSize());
            Reports.emit(report, options);
            // A defrag faster than the probe interval leaves its window empty: a result, not a failure.
            return report.sections().get("whole-run").count() > 0 ? 0 : 1;
        }
    }

    private void probeAcrossDefrag(Scenario scenario, Connections connections, Report report)
            throws InterruptedException, IOException {
        Scenario.Probe probe = scenario.startProbe("defrag", scenario.putAndRange(options.keys()));
        Scenario.Window w = Scenario.around(probe, before, () -> MaintenanceGrpc
                .newBlockingStub(connections.forClient(0)).defragment(DefragmentRequest.getDefaultInstance()),
                after, Duration.ZERO);
        samplesFile.write(probe);
        TimedSamples samples = probe.samples();
        Stats during = samples.window(w.fromNanos(), w.toNanos());
        Stats whole = samples.all(w.probeSeconds());
        report.section("before-defrag", samples.window(probe.startNanos(), w.fromNanos()))
                .section("during-defrag", during)
                .section("after-defrag", samples.window(w.toNanos(), probe.startNanos() + w.probeWall().toNanos()))
                .section("whole-run", whole)
                .figure("defragSeconds", w.seconds())
                .figure("maxDuringDefragMs", during.maxMs())
                .figure("maxWholeRunMs", whole.maxMs());
    }
}
