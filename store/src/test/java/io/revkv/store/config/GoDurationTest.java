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
}
