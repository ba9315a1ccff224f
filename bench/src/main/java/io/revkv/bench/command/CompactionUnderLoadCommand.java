package io.revkv.bench.command;

import io.revkv.bench.load.Connections;
import io.revkv.bench.load.LoadOptions;
import io.revkv.bench.report.Report;
import io.revkv.bench.report.Stats;
import io.revkv.proto.etcdserverpb.CompactionRequest;
import io.revkv.proto.etcdserverpb.KVGrpc;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code compaction-under-load}: preloads {@code --preload-revisions} puts over {@code --key-space-size} keys, then
 * measures a steady put load at {@code --rate} for {@code --duration} without compaction (baseline), then the same
 * load while a physical compaction of all that history runs. Latencies count from each put's due time. The
 * "during-compaction" section holds the puts due while the Compact call was outstanding.
 */
@Command(name = "compaction-under-load", mixinStandardHelpOptions = true,
        description = "p99 of a steady put load without and with a large physical compaction running.")
public final class CompactionUnderLoadCommand implements Callable<Integer> {

    @Mixin
    LoadOptions options;

    @Mixin
    PreloadOptions preload;

    @Override
    public Integer call() throws Exception {
        Duration phase = options.duration != null ? options.duration : Duration.ofSeconds(10);
        Map<String, Object> described = Reports.commonOptions(options);
        described.put("preloadRevisions", preload.revisions);
        described.put("preloadClients", preload.clients);
        try (Connections connections = new Connections(options.endpoints, options.conns)) {
            Scenario scenario = new Scenario(options, connections);
            described.put("rate", scenario.rate());
            scenario.preload(preload.revisions, preload.clients);
            Report report = Report.of("compaction-under-load", options.endpoints, described);
            baseline(scenario, phase, report);
            withCompaction(scenario, connections, phase, report);
            Reports.emit(report, options);
            // A compaction faster than the probe interval leaves its window empty: a result, not a failure.
            return report.sections().get("compaction-phase").count() > 0 ? 0 : 1;
        }
    }

    private void baseline(Scenario scenario, Duration phase, Report report) throws InterruptedException {
        Scenario.Probe probe = scenario.startProbe("baseline", scenario.put(options.keys()));
        Scenario.Window w = Scenario.around(probe, phase, () -> { }, Duration.ZERO, Duration.ZERO);
        report.section("baseline", probe.samples().all(w.probeSeconds()));
    }

    /** The probe runs for at least {@code phase} and until the compaction has returned. */
    private void withCompaction(Scenario scenario, Connections connections, Duration phase, Report report)
            throws InterruptedException {
        long revision = scenario.currentRevision();
        CompactionRequest compact = CompactionRequest.newBuilder().setRevision(revision).setPhysical(true).build();
        Scenario.Probe probe = scenario.startProbe("compaction", scenario.put(options.keys()));
        Scenario.Window w = Scenario.around(probe, Duration.ZERO,
                () -> KVGrpc.newBlockingStub(connections.forClient(0)).compact(compact), Duration.ZERO, phase);
        Stats during = probe.samples().window(w.fromNanos(), w.toNanos());
        report.section("during-compaction", during)
                .section("compaction-phase", probe.samples().all(w.probeSeconds()))
                .figure("compactRevision", revision)
                .figure("compactionSeconds", w.seconds())
                .figure("p99BaselineMs", report.sections().get("baseline").p99Ms())
                .figure("p99DuringCompactionMs", during.p99Ms());
    }
}
