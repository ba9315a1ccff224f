package io.revkv.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

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
}
