package io.revkv.store.compactor;

import static io.revkv.store.compactor.RecordingCompactable.call;
import static java.time.Duration.ofMinutes;
import static org.assertj.core.api.Assertions.assertThat;

import io.revkv.store.errors.EtcdError;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The revision compactor against contract §6.3, on a fake clock. */
class RevisionCompactorTest {

    private final FakeClock clock = new FakeClock();
    private final RecordingCompactable compactable = new RecordingCompactable(clock);
    private final AtomicLong current = new AtomicLong();

    private RevisionCompactor started(long retention) {
        RevisionCompactor compactor = new RevisionCompactor(retention, current::get, compactable, clock);
        compactor.run();
        return compactor;
    }

    @Test
    void checksEveryFiveMinutesFromStartAndKeepsTheLastNRevisions() {
        current.set(51);
        started(10);
        clock.advance(ofMinutes(5).minusNanos(1));
        assertThat(compactable.calls()).isEmpty();
        clock.advance(ofMinutes(5).plusNanos(1));
        current.set(70);
        clock.advance(ofMinutes(5));
        assertThat(compactable.calls()).containsExactly(call(ofMinutes(5), 41), call(ofMinutes(15), 60));
    }

    @Test
    void skipsWhileTheTargetIsNotPositive() {
        current.set(10);
        started(10);
        clock.advance(ofMinutes(10));
        current.set(11);
        clock.advance(ofMinutes(5));
        assertThat(compactable.calls()).containsExactly(call(ofMinutes(15), 1));
    }

    @Test
    void skipsWhenNothingChangedSinceTheLastCompaction() {
        current.set(100);
        started(10);
        clock.advance(ofMinutes(20));
        assertThat(compactable.calls()).containsExactly(call(ofMinutes(5), 90));
    }

    @Test
    void aFailureIsRetriedAtTheNextCheckAndAlreadyCompactedCountsAsSuccess() {
        current.set(100);
        started(10);
        compactable.failNextWith(new IllegalStateException("raft: request timed out"));
        clock.advance(ofMinutes(10));
        compactable.failNextWith(EtcdError.COMPACTED.exception());
        current.set(120);
        clock.advance(ofMinutes(10));
        assertThat(compactable.calls()).containsExactly(call(ofMinutes(5), 90), call(ofMinutes(10), 90),
                call(ofMinutes(15), 110));
    }

    @Test
    void pausedItDoesNotCompactAndResumesAtTheNextCheck() {
        current.set(100);
        RevisionCompactor compactor = started(10);
        compactor.pause();
        clock.advance(ofMinutes(12));
        assertThat(compactable.calls()).isEmpty();
        compactor.resume();
        clock.advance(ofMinutes(3));
        assertThat(compactable.calls()).containsExactly(call(ofMinutes(15), 90));
    }
}
