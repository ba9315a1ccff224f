package io.revkv.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateScheduleTest {

    @Test
    void aPacedRequestIsDueAtStartPlusItsNumberOverTheRate() {
        RateSchedule schedule = RateSchedule.of(1_000, 4);
        assertThat(schedule.paced()).isTrue();
        assertThat(schedule.dueNanos(0, 99)).isEqualTo(1_000);
        assertThat(schedule.dueNanos(3, 99)).isEqualTo(1_000 + 750_000_000L);
    }

    @Test
    void anUnpacedRequestIsDueWhenItIsSent() {
        RateSchedule schedule = RateSchedule.of(1_000, 0);
        assertThat(schedule.paced()).isFalse();
        assertThat(schedule.dueNanos(3, 42)).isEqualTo(42);
    }

    @Test
    void latencyCountsFromTheDueTimeAndIsNeverNegative() {
        assertThat(RateSchedule.latencyNanos(100, 350)).isEqualTo(250);
        assertThat(RateSchedule.latencyNanos(100, 90)).isZero();
    }

    /**
     * Coordinated omission: the first request stalls 300 ms with one client at 1000/s. The 99 requests due during
     * the stall wait behind it, and each one's latency must include that wait (at least 300 ms minus its offset),
     * not just its own quick round trip.
     */
    @Test
    void requestsQueuedBehindAStallCarryTheStallInTheirLatency() throws Exception {
        List<long[]> samples = Collections.synchronizedList(new ArrayList<>());
        Operation stallFirst = (client, seq) -> {
            if (seq == 0) {
                Thread.sleep(300);
            }
        };
        new LoadRunner(new Plan(1, 100, null, 1000), stallFirst,
                (due, latency, ok) -> samples.add(new long[] {due, latency})).run();

        assertThat(samples).hasSize(100);
        long start = samples.get(0)[0];
        for (int seq = 0; seq < 100; seq++) {
            long[] sample = samples.get(seq);
            assertThat(sample[0] - start).as("due offset of request %d", seq).isEqualTo(seq * 1_000_000L);
            assertThat(sample[1]).as("latency of request %d", seq)
                    .isGreaterThanOrEqualTo(300_000_000L - seq * 1_000_000L);
        }
    }

    @Test
    void failedRequestsAreCountedAndTheFirstErrorKept() throws Exception {
        List<Boolean> oks = Collections.synchronizedList(new ArrayList<>());
        Operation oddFails = (client, seq) -> {
            if (seq % 2 == 1) {
                throw new IllegalStateException("odd " + seq);
            }
        };
        LoadRunner runner = new LoadRunner(Plan.forTotal(3, 10), oddFails, (due, latency, ok) -> oks.add(ok));
        runner.run();
        assertThat(runner.completed()).isEqualTo(10);
        assertThat(runner.errors()).isEqualTo(5);
        assertThat(oks).containsOnly(true, false).hasSize(10);
        assertThat(runner.firstError()).hasMessageStartingWith("odd ");
    }

    @Test
    void aPacedRunSendsWhatIsDueWithinItsDurationAndStopEndsAnEndlessOne() throws Exception {
        LoadRunner timed = new LoadRunner(Plan.forDuration(2, Duration.ofMillis(200), 100), (c, s) -> { },
                (d, l, ok) -> { });
        timed.run();
        assertThat(timed.completed()).as("requests due at 0, 10, ..., 190 ms").isEqualTo(20);

        LoadRunner endless = new LoadRunner(Plan.forDuration(2, Duration.ofHours(1), 100), (c, s) -> { },
                (d, l, ok) -> { });
        Thread stopper = new Thread(() -> {
            while (endless.completed() < 5) {
                Thread.onSpinWait();
            }
            endless.stop();
        });
        stopper.start();
        endless.run();
        stopper.join();
        assertThat(endless.completed()).isGreaterThanOrEqualTo(5);
    }
}
