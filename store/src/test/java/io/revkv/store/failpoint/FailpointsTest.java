package io.revkv.store.failpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FailpointsTest {

    @AfterEach
    void disarm() {
        Failpoints.disableAll();
    }

    @Test
    void disarmedPointsDoNothing() {
        assertThatCode(() -> Failpoints.hit("anything")).doesNotThrowAnyException();
    }

    @Test
    void anArmedPointThrowsUntilDisabled() {
        Failpoints.enable("here", FailpointAction.THROW);
        assertThatCode(() -> Failpoints.hit("elsewhere")).doesNotThrowAnyException();
        assertThatThrownBy(() -> Failpoints.hit("here")).isInstanceOf(FailpointException.class)
                .hasMessageContaining("here");
        Failpoints.disable("here");
        assertThatCode(() -> Failpoints.hit("here")).doesNotThrowAnyException();
    }

    @Test
    void theSystemPropertyListsNamesAndActions() {
        assertThat(Failpoints.parse(" a=halt, b=THROW ,")).isEqualTo(
                Map.of("a", FailpointAction.HALT, "b", FailpointAction.THROW));
        assertThat(Failpoints.parse("")).isEmpty();
        assertThatThrownBy(() -> Failpoints.parse("nameonly")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Failpoints.parse("a=explode")).isInstanceOf(IllegalArgumentException.class);
    }
}
