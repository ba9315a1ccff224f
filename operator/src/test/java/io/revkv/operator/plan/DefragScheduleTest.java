package io.revkv.operator.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import java.util.TimeZone;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** spec.defrag.schedule is Unix cron in UTC, whatever the JVM's own time zone. */
class DefragScheduleTest {

    static Stream<Arguments> firings() {
        return Stream.of(
                Arguments.of("0 3 * * *", "2026-03-01T03:05:00Z", "2026-03-01T03:00:00Z"),
                Arguments.of("0 3 * * *", "2026-03-01T02:59:59Z", "2026-02-28T03:00:00Z"),
                Arguments.of("0 3 * * *", "2026-03-01T03:00:00Z", "2026-03-01T03:00:00Z"),
                Arguments.of("0 3 * * 0", "2026-03-04T12:00:00Z", "2026-03-01T03:00:00Z"),
                Arguments.of("*/15 * * * *", "2026-03-01T10:44:10Z", "2026-03-01T10:30:00Z"),
                Arguments.of("30 2 1 * *", "2026-03-15T00:00:00Z", "2026-03-01T02:30:00Z"),
                Arguments.of("0 0 * * MON-FRI", "2026-03-01T12:00:00Z", "2026-02-27T00:00:00Z"),
                Arguments.of("@daily", "2026-03-01T23:59:00Z", "2026-03-01T00:00:00Z"),
                Arguments.of("@hourly", "2026-03-01T23:59:00Z", "2026-03-01T23:00:00Z"),
                Arguments.of("@weekly", "2026-03-04T00:00:00Z", "2026-03-01T00:00:00Z"),
                Arguments.of("@monthly", "2026-03-04T00:00:00Z", "2026-03-01T00:00:00Z"),
                Arguments.of("@yearly", "2026-03-04T00:00:00Z", "2026-01-01T00:00:00Z"));
    }

    @ParameterizedTest(name = "{0} last fired at {2} as of {1}")
    @MethodSource("firings")
    void lastFiringIsInUtc(String cron, String now, String expected) {
        assertThat(DefragSchedule.parse(cron).lastFiring(Instant.parse(now))).contains(Instant.parse(expected));
    }

    @Test
    void theJvmTimeZoneDoesNotMoveTheSchedule() {
        TimeZone before = TimeZone.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
            assertThat(DefragSchedule.parse("0 3 * * *").lastFiring(Instant.parse("2026-03-01T03:05:00Z")))
                    .contains(Instant.parse("2026-03-01T03:00:00Z"));
        } finally {
            TimeZone.setDefault(before);
        }
    }

    @Test
    void firedBetweenExcludesItsStartAndIncludesItsEnd() {
        DefragSchedule daily = DefragSchedule.parse("0 3 * * *");
        Instant firing = Instant.parse("2026-03-01T03:00:00Z");
        assertThat(daily.firedBetween(firing.minusSeconds(1), firing)).isTrue();
        assertThat(daily.firedBetween(firing, firing.plusSeconds(3600))).isFalse();
        assertThat(daily.firedBetween(firing.minusSeconds(86_401), firing.minusSeconds(1))).isTrue();
        assertThat(daily.firedBetween(firing.minusSeconds(86_400), firing.minusSeconds(1))).isFalse();
    }

    @Test
    void theNextFiringIsStrictlyAfterNow() {
        DefragSchedule daily = DefragSchedule.parse("0 3 * * *");
        assertThat(daily.nextFiring(Instant.parse("2026-03-01T03:00:00Z")))
                .contains(Instant.parse("2026-03-02T03:00:00Z"));
        assertThat(daily.nextFiring(Instant.parse("2026-03-01T02:59:59Z")))
                .contains(Instant.parse("2026-03-01T03:00:00Z"));
    }

    @Test
    void aDateThatNeverComesNeverFires() {
        assertThat(DefragSchedule.parse("0 0 30 2 *").lastFiring(Instant.parse("2026-03-01T00:00:00Z")))
                .isEqualTo(Optional.empty());
    }

    @Test
    void quartzStyleSixFieldsAndOutOfRangeValuesNeverFireAndSayWhy() {
        for (String cron : new String[] {"0 0 3 * * ?", "61 3 * * *"}) {
            DefragSchedule schedule = DefragSchedule.parse(cron);
            assertThat(schedule.error()).as(cron).hasValueSatisfying(e -> assertThat(e)
                    .startsWith("spec.defrag.schedule \"" + cron + "\" is not a Unix cron expression: "));
            assertThat(schedule.lastFiring(Instant.parse("2026-03-01T03:05:00Z"))).as(cron).isEmpty();
        }
        assertThat(DefragSchedule.parse("0 3 * * *").error()).isEmpty();
        assertThat(DefragSchedule.parse("61 3 * * *").nextFiring(Instant.EPOCH)).isEmpty();
    }
}
