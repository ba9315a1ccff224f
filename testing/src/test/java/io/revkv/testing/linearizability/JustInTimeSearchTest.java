package io.revkv.testing.linearizability;

import static io.revkv.testing.linearizability.Histories.history;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class JustInTimeSearchTest {

    @Test
    void aLinearizableHistoryComesBackInALegalOrderWithItsUnknownWritesLast() {
        List<Operation> ops = history()
                .put(1, "x", "a", 0, 10)
                .putUnknown(2, "x", "b", 1)
                .get(3, "x", "a", 2, 3)
                .get(3, "x", null, 0, 1)
                .operations();

        JustInTimeSearch.Result result = JustInTimeSearch.run(ops, RegisterModel.ABSENT);

        assertThat(result.linearizable()).isTrue();
        assertThat(result.longestLinearization()).extracting(Operation::id).containsExactly(3, 0, 2, 1);
    }

    @Test
    void aStuckSearchReportsTheLongestLegalPrefixItFound() {
        List<Operation> ops = history()
                .put(1, "x", "a", 0, 1)
                .get(2, "x", "a", 2, 3)
                .get(2, "x", "b", 4, 5)
                .operations();

        JustInTimeSearch.Result result = JustInTimeSearch.run(ops, RegisterModel.ABSENT);

        assertThat(result.linearizable()).isFalse();
        assertThat(result.longestLinearization()).extracting(Operation::id).containsExactly(0, 1);
    }
}
