package io.revkv.store.compactor;

import static io.revkv.store.compactor.RecordingCompactable.call;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import io.revkv.store.errors.EtcdError;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The periodic compactor against the timelines of contract §6.2, on a fake clock. */
class PeriodicCompactorTest {

    private final FakeClock clock = new FakeClock();
    private final RecordingCompactable compactable = new RecordingCompactable(clock);

    /** One write every {@code every}: the revision is 1 at time 0, then grows by one per {@code every}. */
    private RevisionSource writesEvery(Duration every) {
        return () -> 1 + clock.nanoTime() / every.toNanos();
    }

    private PeriodicCompactor started(Duration period, RevisionSource revisions) {
        PeriodicCompactor compactor = new PeriodicCompactor(period, revisions, compactable, clock);
        compactor.run();
        return compactor;
    }

    @ParameterizedTest(name = "P={0}: sampling {1}, compaction interval {2}, window {3}")
    @CsvSource({"PT5S, PT0.5S, PT5S, 11", "PT1H, PT6M, PT1H, 11", "PT30M, PT3M, PT30M, 11", "PT24H, PT6M, PT1H, 241"})
    void derivedValuesFollowTheContractTable(Duration period, Duration sampling, Duration compaction, int window) {
        PeriodicCompactor compactor = new PeriodicCompactor(period, () -> 1, compactable, clock);
        assertThat(compactor.retryInterval()).isEqualTo(sampling);
        assertThat(compactor.compactInterval()).isEqualTo(compaction);
        assertThat(compactor.window()).isEqualTo(window);
    }

    @Test
    void fiveSecondsFirstCompactsAfterAFullPeriodThenEveryPeriodToTheOldestSample() {
        started(ofSeconds(5), writesEvery(ofMillis(100)));
        clock.advance(ofMillis(4999));
        assertThat(compactable.calls()).isEmpty();
        clock.advance(ofMillis(1));
        assertThat(compactable.calls()).containsExactly(call(ofSeconds(5), 1));
        clock.advance(ofSeconds(15));
        // After the first run the window is full: the oldest sample is 11 sampling intervals (5.5 s) old.
        assertThat(compactable.calls()).containsExactly(call(ofSeconds(5), 1), call(ofSeconds(10), 46),
                call(ofSeconds(15), 96), call(ofSeconds(20), 146));
    }

    @Test
    void thirtyMinutesCompactsEveryThirtyMinutes() {
        started(ofMinutes(30), writesEvery(ofMinutes(1)));
        clock.advance(ofMinutes(29));
        assertThat(compactable.calls()).isEmpty();
        clock.advance(ofMinutes(61));
        assertThat(compactable.calls()).containsExactly(call(ofMinutes(30), 1), call(ofMinutes(60), 28),
                call(ofMinutes(90), 58));
    }

    @Test
    void overAnHourFirstCompactsAfterTheWholeRetentionThenHourlyToTheRevisionOfRetentionAgo() {
        started(ofHours(24), writesEvery(ofMinutes(1)));
        clock.advance(ofHours(24).minus(ofMinutes(6)));
        assertThat(compactable.calls()).isEmpty();
        clock.advance(ofMinutes(6));
        assertThat(compactable.calls()).containsExactly(call(ofHours(24), 1));
        clock.advance(ofHours(2));
        // The window holds 241 samples 6 min apart: at 25 h the oldest is from 25 h − 24 h 6 min = 54 min.
        assertThat(compactable.calls()).containsExactly(call(ofHours(24), 1), call(ofHours(25), 55),
                call(ofHours(26), 115));
    }

    @Test
    void pausedItKeepsSamplingButNeverCompactsAndResumesAtTheNextSample() {
        PeriodicCompactor compactor = started(ofSeconds(5), writesEvery(ofMillis(100)));
        compactor.pause();
        clock.advance(ofSeconds(7));
        assertThat(compactable.calls()).isEmpty();
        compactor.resume();
        clock.advance(ofMillis(500));
        // The oldest sample is the one of 2 s, not of 0 s: sampling went on while paused.
        assertThat(compactable.calls()).containsExactly(call(ofMillis(7500), 21));
        compactor.pause();
        clock.advance(ofSeconds(12));
        assertThat(compactable.calls()).hasSize(1);
        compactor.resume();
        clock.advance(ofMillis(500));
        assertThat(compactable.calls()).containsExactly(call(ofMillis(7500), 21), call(ofMillis(20000), 146));
    }

    @Test
    void aFailedCompactionIsRetriedAtTheNextSample() {
        started(ofSeconds(5), writesEvery(ofMillis(100)));
        compactable.failNextWith(new IllegalStateException("raft: no leader"));
        clock.advance(ofMillis(5500));
        assertThat(compactable.calls()).containsExactly(call(ofSeconds(5), 1), call(ofMillis(5500), 1));
        clock.advance(ofSeconds(5));
        assertThat(compactable.calls()).endsWith(call(ofMillis(10500), 51));
    }

    @Test
    void alreadyCompactedCountsAsSuccess() {
        started(ofSeconds(5), writesEvery(ofMillis(100)));
        compactable.failNextWith(EtcdError.COMPACTED.exception());
        clock.advance(ofSeconds(10));
        assertThat(compactable.calls()).containsExactly(call(ofSeconds(5), 1), call(ofSeconds(10), 46));
    }

    /** etcd 3.6 skips when nothing changed; 3.4 and 3.5 would re-issue revision 1 every 5 s and get ErrCompacted. */
    @Test
    void withoutWritesItDoesNotCompactTheSameRevisionAgain() {
        started(ofSeconds(5), () -> 1);
        clock.advance(ofSeconds(30));
        assertThat(compactable.calls()).containsExactly(call(ofSeconds(5), 1));
    }

    @Test
    void stoppedItNeverCompactsAgain() {
        PeriodicCompactor compactor = started(ofSeconds(5), writesEvery(ofMillis(100)));
        clock.advance(ofSeconds(5));
        compactor.stop();
        clock.advance(ofSeconds(30));
        assertThat(compactable.calls()).containsExactly(call(ofSeconds(5), 1));
    }
}
