package io.revkv.store.compactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.revkv.store.compactor.CompactionRetention.Mode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Contract §6.1: how etcd reads --auto-compaction-mode and --auto-compaction-retention. */
class CompactionRetentionTest {

    @Test
    void aBareNumberIsHoursInPeriodicModeAndRevisionsInRevisionMode() {
        assertThat(CompactionRetention.parse("periodic", "5"))
                .isEqualTo(new CompactionRetention(Mode.PERIODIC, Duration.ofHours(5)));
        assertThat(CompactionRetention.parse("revision", "1000").retention().toNanos()).isEqualTo(1000);
    }

    @Test
    void anythingElseIsAGoDurationWhateverTheMode() {
        assertThat(CompactionRetention.parse("periodic", "1h30m").retention()).isEqualTo(Duration.ofMinutes(90));
        assertThat(CompactionRetention.parse("periodic", "5s").retention()).isEqualTo(Duration.ofSeconds(5));
        // etcd keeps both in one time.Duration: "1h" in revision mode is 3.6e12 revisions.
        assertThat(CompactionRetention.parse("revision", "1h").retention().toNanos()).isEqualTo(3_600_000_000_000L);
    }

    @Test
    void zeroDisables() {
        assertThat(CompactionRetention.parse("periodic", "0").disabled()).isTrue();
        assertThat(CompactionRetention.parse("revision", "0").disabled()).isTrue();
        assertThat(CompactionRetention.parse("periodic", "0s").disabled()).isTrue();
        assertThat(CompactionRetention.parse("periodic", "1").disabled()).isFalse();
    }

    @Test
    void eachModeGetsItsCompactor() {
        Clock clock = new FakeClock();
        assertThat(CompactionRetention.parse("periodic", "5s").newCompactor(() -> 1, r -> null, clock))
                .isInstanceOf(PeriodicCompactor.class);
        assertThat(CompactionRetention.parse("revision", "5").newCompactor(() -> 1, r -> null, clock))
                .isInstanceOf(RevisionCompactor.class);
    }

    @Test
    void failuresUseEtcdsWords() {
        assertThatThrownBy(() -> CompactionRetention.parse("bogus", "1"))
                .hasMessage("unknown auto-compaction-mode \"bogus\"");
        assertThatThrownBy(() -> CompactionRetention.parse("periodic", "-1"))
                .hasMessage("error parsing CompactionRetention: time: missing unit in duration \"-1\"");
        assertThatThrownBy(() -> CompactionRetention.parse("revision", "-1"))
                .hasMessage("error parsing CompactionRetention: time: missing unit in duration \"-1\"");
        assertThatThrownBy(() -> CompactionRetention.parse("periodic", "abc"))
                .hasMessage("error parsing CompactionRetention: time: invalid duration \"abc\"");
    }

    /** A deliberate difference: etcd accepts a negative duration and then compacts in a tight loop. */
    @Test
    void aNegativeDurationIsRefused() {
        assertThatThrownBy(() -> CompactionRetention.parse("periodic", "-5s"))
                .hasMessage("error parsing CompactionRetention: negative duration \"-5s\"");
    }
}
