package io.revkv.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.revkv.bench.report.JsonReports;
import io.revkv.bench.report.Report;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code coldstart} launches a fresh one-member etcd 3.4 and revkv, sends two tiny windows of puts to each from the
 * start on, and reports every figure of both with the ratios. It checks the report's shape and that the rates are
 * positive, not their values; and that no server outlives the bench or leaves its data dir behind.
 */
class ColdStartIT {
    private static final List<String> RUN_FIGURES = List.of("firstServedMs", "window1PutsPerSec",
            "window2PutsPerSec", "warmMeanPutsPerSec", "rssBytes");
    /** Where bench/etcd-benchmark.sh builds etcd's own load tool; not built by the Maven build. */
    private static final Path LOAD_TOOL = Path.of("target", "etcd-benchmark", "benchmark").toAbsolutePath();

    private static Report coldstart(String name, String... extra) throws Exception {
        Path out = Path.of("target", "it", "coldstart-" + name).toAbsolutePath();
        Path log = Files.createDirectories(out).resolve("bench.log");
        Path json = out.resolve("coldstart.json");
        Files.deleteIfExists(json);
        List<String> args = new ArrayList<>(List.of("coldstart", "--revkv-jar", BenchJar.revkvJar().toString(),
                "--members", "1", "--rounds", "1", "--windows", "2", "--window-puts", "500",
                "--client-warmup-puts", "200", "--work-dir", out.resolve("servers").toString(),
                "--json", json.toString()));
        args.addAll(List.of(extra));
        int exit = BenchJar.run(log, args.toArray(String[]::new));

        assertThat(exit).as("exit code; output:\n%s", BenchJar.read(log)).isZero();
        assertThat(BenchJar.read(log)).contains("coldstart etcd members=1 round 1/1 window 2/2",
                "coldstart revkv members=1 round 1/1 window 2/2", "ratio = revkv / etcd");
        assertNothingLeftBehind(out.resolve("servers"));
        return JsonReports.read(json);
    }

    private static void assertEveryFigure(Report report) {
        for (String server : List.of("etcd", "revkv")) {
            for (String figure : RUN_FIGURES) {
                Object value = report.figures().get(server + ".m1.r1." + figure);
                assertThat(value).as("%s %s in %s", server, figure, report.figures()).isInstanceOf(Number.class);
                assertThat(((Number) value).doubleValue()).as("%s %s", server, figure).isPositive();
            }
            assertThat(report.figures()).containsEntry(server + ".m1.r1.errors", 0);
        }
        for (String figure : RUN_FIGURES) {
            Object ratio = report.figures().get("m1." + figure + ".ratio");
            assertThat(ratio).as("ratio of %s", figure).isInstanceOf(Number.class);
            assertThat(((Number) ratio).doubleValue()).as("ratio of %s", figure).isPositive();
        }
    }

    @Test
    void theLoadInThisJvmReportsEveryFigureOfBothServersAndTheirRatios() throws Exception {
        Report report = coldstart("in-process");
        assertEveryFigure(report);
        assertThat(report.figures().get("load")).asString().contains("in-process");
        assertThat(report.options()).containsEntry("windowPuts", 500).containsEntry("clients", 64);
    }

    @Test
    void etcdsOwnBenchmarkAsTheLoadReportsTheSameFigures() throws Exception {
        assumeTrue(Files.isExecutable(LOAD_TOOL), "etcd's benchmark is built by bench/etcd-benchmark.sh");
        Report report = coldstart("load-tool", "--load-tool", LOAD_TOOL.toString());
        assertEveryFigure(report);
        assertThat(report.figures().get("load")).asString().contains("etcd benchmark");
    }

    /** Every server was stopped and its data dir deleted; the logs stay for a look after a failure. */
    private static void assertNothingLeftBehind(Path servers) throws Exception {
        try (Stream<Path> dirs = Files.walk(servers, 3)) {
            assertThat(dirs.filter(p -> p.getFileName().toString().equals("data")).toList())
                    .as("data dirs left").isEmpty();
        }
        assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("")
                .contains(servers.toString()))).as("servers still running").isEmpty();
    }
}
