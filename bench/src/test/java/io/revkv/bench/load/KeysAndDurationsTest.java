package io.revkv.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class KeysAndDurationsTest {

    @Test
    void keysArePaddedToTheKeySizeSoTheySortLikeTheirNumbers() {
        Keys keys = new Keys(6, 1000, true);
        assertThat(keys.key(7).toStringUtf8()).isEqualTo("000007");
        assertThat(keys.key(1007).toStringUtf8()).isEqualTo("000007");
        assertThat(new Keys(2, 1000, true).key(123).toStringUtf8()).isEqualTo("123");
    }

    @Test
    void randomKeysStayInTheKeySpace() {
        Keys keys = new Keys(4, 3, false);
        for (int i = 0; i < 100; i++) {
            assertThat(keys.key(i).toStringUtf8()).isIn("0000", "0001", "0002");
        }
    }

    @Test
    void durationsUseEtcdsUnits() {
        DurationConverter c = new DurationConverter();
        assertThat(c.convert("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(c.convert("3s")).isEqualTo(Duration.ofSeconds(3));
        assertThat(c.convert("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.convert("1h")).isEqualTo(Duration.ofHours(1));
        assertThatThrownBy(() -> c.convert("PT3S")).isInstanceOf(TypeConversionException.class);
    }

    @Test
    void endpointsMayCarryAScheme() {
        assertThat(Connections.HostPort.parse("http://127.0.0.1:2379"))
                .isEqualTo(new Connections.HostPort("127.0.0.1", 2379));
        assertThat(Connections.HostPort.parse("localhost:23")).isEqualTo(new Connections.HostPort("localhost", 23));
        assertThatThrownBy(() -> Connections.HostPort.parse("127.0.0.1")).hasMessageContaining("host:port");
    }
}
