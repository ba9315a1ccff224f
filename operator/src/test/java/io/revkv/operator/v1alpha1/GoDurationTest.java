package io.revkv.operator.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** spec.defrag.timeout is a Go duration, as time.ParseDuration reads it. */
class GoDurationTest {

    @ParameterizedTest(name = "{0} is {1} ms")
    @CsvSource({"5m, 300000", "1h30m, 5400000", "1.5s, 1500", "300ms, 300", ".5s, 500", "2h0m3s, 7203000",
            "2000us, 2", "2000µs, 2", "10s500ms, 10500"})
    void parsesAsGoDoes(String text, long millis) {
        assertThat(GoDuration.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest(name = "{0} is refused")
    @ValueSource(strings = {"", "5", "m", "5 m", "5d", "-5m", "5m3"})
    void refusesWhatGoRefuses(String text) {
        assertThatThrownBy(() -> GoDuration.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a duration");
    }
}
