package io.revkv.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportOutputTest {

    /** 1 ms, 2 ms, ..., 1000 ms, once each. */
    private static Histogram oneToThousandMs() {
        Histogram h = new Histogram(3);
        for (long ms = 1; ms <= 1000; ms++) {
            h.recordValue(ms * 1_000_000);
        }
        return h;
    }

    @Test
    void percentilesAreReadOffTheHistogramInMilliseconds() {
        Stats s = Stats.of(oneToThousandMs(), 2, 4.0);
        assertThat(s.count()).isEqualTo(1000);
        assertThat(s.errors()).isEqualTo(2);
        assertThat(s.throughput()).isEqualTo(250.0);
        assertThat(s.p50Ms()).isBetween(499.0, 501.0);
        assertThat(s.p90Ms()).isBetween(899.0, 901.0);
        assertThat(s.p99Ms()).isBetween(989.0, 991.0);
        assertThat(s.p999Ms()).isBetween(998.0, 1001.0);
        assertThat(s.maxMs()).isBetween(999.0, 1001.0);
        assertThat(s.meanMs()).isBetween(500.0, 501.0);
    }

    @Test
    void anEmptySectionHasZeros() {
        Stats s = Stats.of(new Histogram(3), 0, 0);
        assertThat(s.count()).isZero();
        assertThat(s.throughput()).isZero();
        assertThat(s.maxMs()).isZero();
    }

    @Test
    void timedSamplesAreCutIntoWindowsByDueTime() {
        TimedSamples samples = new TimedSamples();
        for (long due = 0; due < 10_000; due++) {
            samples.record(due * 1_000_000, due < 5_000 ? 1_000_000 : 50_000_000, due % 1000 != 0);
        }
        Stats during = samples.window(5_000_000_000L, 7_000_000_000L);
        assertThat(during.count()).isEqualTo(1998);
        assertThat(during.errors()).isEqualTo(2);
        assertThat(during.seconds()).isEqualTo(2.0);
        assertThat(during.p50Ms()).isBetween(49.9, 50.1);
        assertThat(samples.window(0, 5_000_000_000L).maxMs()).isBetween(0.99, 1.01);
        assertThat(samples.all(10).count()).isEqualTo(9990);
    }

    @Test
    void theSummaryShowsThroughputAndEveryPercentile() {
        Report report = Report.of("put", List.of("127.0.0.1:2379"), Map.of("clients", 4))
                .section("put", Stats.of(oneToThousandMs(), 0, 4.0)).figure("defragSeconds", 1.5);
        String text = Summary.format(report);
        assertThat(text).contains("put against 127.0.0.1:2379", "[put]", "1000 ok, 0 errors in 4.00 s",
                "throughput: 250.0 req/s", "p50 500.", "p90 ", "p99 ", "p99.9 ", "max ", "defragSeconds: 1.5");
    }

    @Test
    void theJsonReadsBackAsTheSameReport(@TempDir Path dir) throws Exception {
        Report report = Report.of("range", List.of("a:1", "b:2"), Map.of("clients", 4, "consistency", "s"))
                .section("range", Stats.of(oneToThousandMs(), 1, 2.0)).figure("receivedEvents", 7)
                .withFirstError(new IllegalStateException("boom"));
        Path file = dir.resolve("sub/out.json");
        JsonReports.write(file, report);
        assertThat(Files.readString(file)).contains("\"p99Ms\"", "\"p999Ms\"", "\"throughput\"");
        assertThat(JsonReports.read(file)).isEqualTo(report);
    }

    @Test
    void theProgressLineShowsElapsedCountRateAndErrors() {
        assertThat(Progress.line("put", 3.04, 12345, 4100, 2))
                .isEqualTo("put    3.0s      12345 req     4100 req/s      2 errors");
    }
}
