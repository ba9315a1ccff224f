package io.revkv.store.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code revkv train}'s flags: refused before any member starts; help starts nothing. (StoreImageIT runs it.) */
class TrainCommandTest {

    @Test
    void refusesFlagsThatAreNotTrainsAndAnEmptyLoad() {
        assertThatThrownBy(() -> TrainCommand.start(new String[] {"--data-dir", "x"}))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("--data-dir");
        assertThatThrownBy(() -> TrainCommand.start(new String[] {"--puts", "0"}))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessage("--puts must be at least 1, not 0");
    }

    @Test
    void helpStartsNoMember() {
        assertThat(TrainCommand.start(new String[] {"--help"})).isNull();
    }
}
