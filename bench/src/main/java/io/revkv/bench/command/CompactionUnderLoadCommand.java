package io.revkv.bench.command;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.revkv.bench.load.Connections;
import io.revkv.bench.load.LoadOptions;
import io.revkv.bench.report.Report;
import io.revkv.bench.report.Stats;
import io.revkv.bench.report.TimedSamples;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code compaction-under-load}: preloads {@code --preload-revisions} puts over {@code --key-space-size} keys, then
 * runs one steady put load at {@code --rate}: {@code --duration} without compaction, a physical compaction of all
 * that history up to the load's start, and {@code --duration} without compaction again. Latencies count from each
 * put's due time.
 *
 * <p>During the warm-up, {@code --warmup-compaction} percent of the history is compacted, unmeasured: a JVM server
 * compiles its compaction path (and recompiles what the compaction's threads change) the first time it compacts, and
 * that one-off cost, which every later compaction of a running server is spared, would otherwise be charged to the
 * measured compaction. A server compiled ahead of time, such as etcd, is unaffected by it.
 *
 * <p>The baseline is every put due outside the compaction, before and after it: a store fresh from a preload is
 * still settling (flushing, compacting its own files, compiling), and a baseline taken only before the compaction
 * would charge that to the baseline, one taken only after it to the compaction.
 */
@Command(name = "compaction-under-load", mixinStandardHelpOptions = true,
        description = "p99 of a steady put load without and with a large physical compaction running.")
public final class CompactionUnderLoadCommand implements Callable<Integer> {

    @Mixin
    LoadOptions options;

    @Mixin
    PreloadOptions preload;

    @Mixin
    SamplesOption samplesFile;

    @Option(names = "--warmup-compaction", defaultValue = "5",
            description = "percent of the history compacted during --warmup, unmeasured; 0 for none "
                    + "(default: ${DEFAULT-VALUE})")
    int warmupCompactionPercent;

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
            probeAcrossCompaction(scenario, phase, report);
            Reports.emit(report, options);
            // A compaction faster than the probe interval leaves its window empty: a result, not a failure.
            return report.sections().get("whole-run").count() > 0 ? 0 : 1;
        }
    }

    /** Compacts at {@code revision} unless that is 0 or already compacted (a store compacted before the scenario). */
    private static void compactOnce(Scenario scenario, long revision) {
        if (revision <= 0) {
            return;
        }
        try {
            scenario.compact(revision);
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() != Status.Code.OUT_OF_RANGE) {
                throw e;
            }
        }
    }

    private void probeAcrossCompaction(Scenario scenario, Duration phase, Report report)
            throws InterruptedException, IOException {
        long warmupRevision = scenario.currentRevision() * warmupCompactionPercent / 100;
        Scenario.Probe probe = scenario.startProbe("compaction", scenario.put(options.keys()),
                () -> compactOnce(scenario, warmupRevision));
        long revision = scenario.currentRevision();
        Scenario.Window w = Scenario.around(probe, phase, () -> scenario.compact(revision), phase, Duration.ZERO);
        samplesFile.write(probe);
        TimedSamples samples = probe.samples();
        Stats baseline = samples.outside(w.fromNanos(), w.toNanos());
        Stats during = samples.window(w.fromNanos(), w.toNanos());
        long probeEnd = probe.startNanos() + w.probeWall().toNanos();
        // Open-ended, so that before and after together are exactly the baseline; throughput over the probe's time.
        report.section("before-compaction", samples.window(Long.MIN_VALUE, w.fromNanos())
                        .withSeconds((w.fromNanos() - probe.startNanos()) / 1e9))
                .section("during-compaction", during)
                .section("after-compaction", samples.window(w.toNanos(), Long.MAX_VALUE)
                        .withSeconds(Math.max(0, probeEnd - w.toNanos()) / 1e9))
                .section("baseline", baseline)
                .section("whole-run", samples.all(w.probeSeconds()))
                .figure("warmupCompactRevision", warmupRevision)
                .figure("compactRevision", revision)
                .figure("compactionSeconds", w.seconds())
                .figure("p99BaselineMs", baseline.p99Ms())
                .figure("p99DuringCompactionMs", during.p99Ms());
    }
}
