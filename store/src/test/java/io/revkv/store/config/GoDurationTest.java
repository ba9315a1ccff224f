package io.revkv.store.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GoDurationTest {

    @Test
    void parsesGoDurationsAsEtcdFlagsUseThem() {
        assertThat(GoDuration.parse("30m")).isEqualTo(Duration.ofMinutes(30));
        assertThat(GoDuration.parse("1.5h")).isEqualTo(Duration.ofMinutes(90));
        assertThat(GoDuration.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(GoDuration.parse("5s")).isEqualTo(Duration.ofSeconds(5));
        assertThat(GoDuration.parse("10ms")).isEqualTo(Duration.ofMillis(10));
        assertThat(GoDuration.parse("250us")).isEqualTo(Duration.ofNanos(250_000));
        assertThat(GoDuration.parse("0")).isEqualTo(Duration.ZERO);
        assertThat(GoDuration.parse("-2s")).isEqualTo(Duration.ofSeconds(-2));
    }

    @Test
    void rejectsWithGoWording() {
        assertThatThrownBy(() -> GoDuration.parse("-1")).hasMessage("time: missing unit in duration \"-1\"");
        assertThatThrownBy(() -> GoDuration.parse("12")).hasMessage("time: missing unit in duration \"12\"");
        assertThatThrownBy(() -> GoDuration.parse("1d")).hasMessage("time: invalid duration \"1d\"");
        assertThatThrownBy(() -> GoDuration.parse("")).hasMessage("time: invalid duration \"\"");
    }

    @Test
    void formatsAsGoPrintsDurations() {
        assertThat(GoDuration.format(Duration.ofSeconds(5))).isEqualTo("5s");
        assertThat(GoDuration.format(Duration.ofMillis(500))).isEqualTo("500ms");
        assertThat(GoDuration.format(Duration.ofMillis(1500))).isEqualTo("1.5s");
        assertThat(GoDuration.format(Duration.ofMinutes(6))).isEqualTo("6m0s");
        assertThat(GoDuration.format(Duration.ofHours(24))).isEqualTo("24h0m0s");
        assertThat(GoDuration.format(Duration.ofMinutes(90))).isEqualTo("1h30m0s");
        assertThat(GoDuration.format(Duration.ofNanos(1500))).isEqualTo("1.5µs");
        assertThat(GoDuration.format(Duration.ofNanos(7))).isEqualTo("7ns");
        assertThat(GoDuration.format(Duration.ZERO)).isEqualTo("0s");
        assertThat(GoDuration.format(Duration.ofSeconds(-2))).isEqualTo("-2s");
    }
}
