package io.revkv.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.revkv.bench.compare.Launcher;
import io.revkv.bench.compare.Server;
import io.revkv.bench.report.JsonReports;
import io.revkv.bench.report.Report;
import io.revkv.bench.report.Stats;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The packaged bench jar drives a real revkv process for about two seconds and writes sane JSON. */
class PutSmokeIT {

    @Test
    void putAgainstRevkvReportsSaneNumbers() throws Exception {
        Path work = Files.createDirectories(Path.of("target", "it", "put-smoke"));
        try (Server revkv = Server.start("revkv",
                Launcher.of(BenchJar.java("-Xmx512m", "-jar", BenchJar.revkvJar().toString())),
                work)) {
            Path json = work.resolve("put.json");
            Path log = work.resolve("bench.log");
            Files.deleteIfExists(json);
            int exit = BenchJar.run(log, "put", "--endpoints", revkv.endpoint(), "--clients", "4", "--conns", "2",
                    "--duration", "2s", "--key-space-size", "100", "--val-size", "64", "--json", json.toString());

            assertThat(exit).as("exit code; output:\n%s", BenchJar.read(log)).isZero();
            Report report = JsonReports.read(json);
            assertThat(report.command()).isEqualTo("put");
            assertThat(report.endpoints()).containsExactly(revkv.endpoint());
            assertThat(report.options()).containsEntry("clients", 4).containsEntry("valSize", 64);
            Stats put = report.sections().get("put");
            assertThat(put.count()).isPositive();
            assertThat(put.errors()).isZero();
            assertThat(put.seconds()).isPositive();
            assertThat(put.throughput()).isEqualTo(put.count() / put.seconds());
            assertThat(put.p50Ms()).isPositive().isLessThanOrEqualTo(put.p90Ms());
            assertThat(put.p90Ms()).isLessThanOrEqualTo(put.p99Ms());
            assertThat(put.p99Ms()).isLessThanOrEqualTo(put.p999Ms());
            assertThat(put.p999Ms()).isLessThanOrEqualTo(put.maxMs());
            assertThat(BenchJar.read(log)).contains("[put]", "throughput:");
        }
    }
}
