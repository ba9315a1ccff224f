package io.revkv.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WriteGapsTest {
    private static final long MS = 1_000_000;

    /** The worked example of WriteGaps' javadoc, recorded as a steady writer records it. */
    @Test
    void theLongestGapSpansTheKillAndRecoveryCountsFromTheFirstWriteSentAfterIt() {
        TimedSamples samples = new TimedSamples();
        samples.record(5 * MS, 5 * MS, true);
        samples.record(15 * MS, 5 * MS, true);
        samples.record(25 * MS, 5 * MS, true);
        samples.record(40 * MS, 1 * MS, false);
        samples.record(60 * MS, 1 * MS, false);
        samples.record(80 * MS, 420 * MS, true);

        WriteGaps gaps = samples.gaps(35 * MS, 520 * MS);

        assertThat(gaps.longestGapMs()).isEqualTo(470.0);
        assertThat(gaps.firstSuccessMs()).isEqualTo(465.0);
    }

    /** A write sent before the kill and acknowledged after it committed before: it is no sign of recovery. */
    @Test
    void aWriteSentBeforeTheKillDoesNotCountAsRecovered() {
        TimedSamples samples = new TimedSamples();
        samples.record(0, 10 * MS, true);
        samples.record(8 * MS, 30 * MS, true);

        WriteGaps gaps = samples.gaps(20 * MS, 100 * MS);

        assertThat(gaps.firstSuccessMs()).isEqualTo(-1.0);
        assertThat(gaps.longestGapMs()).as("from the last success (38 ms) to the end").isEqualTo(62.0);
    }

    @Test
    void withoutAnySuccessThereIsNoGapToMeasureAndNoRecovery() {
        TimedSamples samples = new TimedSamples();
        samples.record(0, MS, false);

        WriteGaps gaps = samples.gaps(0, 10 * MS);

        assertThat(gaps.longestGapNanos()).isZero();
        assertThat(gaps.firstSuccessNanos()).isEqualTo(-1);
    }
}
