package io.revkv.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimedSamplesTest {
    private static final long MS = 1_000_000;

    /** One request due every millisecond for 10 ms; those due in [4 ms, 6 ms) took 50 ms, the others 1 ms. */
    private static TimedSamples tenMillisecondsWithASlowMiddle() {
        TimedSamples samples = new TimedSamples();
        for (long t = 0; t < 10; t++) {
            samples.record(t * MS, (t >= 4 && t < 6 ? 50 : 1) * MS, t != 8);
        }
        return samples;
    }

    @Test
    void aWindowHoldsTheRequestsDueInIt() {
        Stats during = tenMillisecondsWithASlowMiddle().window(4 * MS, 6 * MS);

        assertThat(during.count()).isEqualTo(2);
        assertThat(during.p50Ms()).isCloseTo(50, within(0.1));
        assertThat(during.seconds()).isCloseTo(0.002, within(1e-9));
    }

    @Test
    void outsideAWindowAreTheRequestsBeforeAndAfterItWithTheirErrors() {
        Stats outside = tenMillisecondsWithASlowMiddle().outside(4 * MS, 6 * MS);

        assertThat(outside.count()).isEqualTo(7);
        assertThat(outside.errors()).isEqualTo(1);
        assertThat(outside.maxMs()).isCloseTo(1, within(0.01));
        assertThat(outside.seconds()).as("0-4 ms and 6-9 ms").isCloseTo(0.007, within(1e-9));
    }

    @Test
    void theCsvHoldsEverySampleWithItsDueTimeOnTheWallClock(@TempDir Path dir) throws Exception {
        TimedSamples samples = new TimedSamples();
        long now = System.nanoTime();
        long wallNow = System.currentTimeMillis();
        samples.record(now - 2_000 * MS, 3 * MS + MS / 2, true);
        samples.record(now, 250 * MS, false);
        Path csv = dir.resolve("samples.csv");

        samples.writeCsv(csv);

        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo("due_epoch_ms,latency_ms,ok");
        String[] first = lines.get(1).split(",");
        String[] second = lines.get(2).split(",");
        assertThat(Double.parseDouble(first[0])).isCloseTo(wallNow - 2_000, within(50.0));
        assertThat(Double.parseDouble(second[0])).isCloseTo(wallNow, within(50.0));
        assertThat(first[1]).isEqualTo("3.500");
        assertThat(second[1]).isEqualTo("250.000");
        assertThat(first[2]).isEqualTo("true");
        assertThat(second[2]).isEqualTo("false");
    }
}
