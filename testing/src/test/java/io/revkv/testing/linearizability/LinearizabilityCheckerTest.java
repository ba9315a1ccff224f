package io.revkv.testing.linearizability;

import static io.revkv.testing.linearizability.Histories.history;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LinearizabilityCheckerTest {

    @Test
    void sequentialPutsAndReadsAreLinearizable() {
        Verdict verdict = history()
                .get(1, "x", null, 0, 1)
                .put(1, "x", "a", 2, 3)
                .get(2, "x", "a", 4, 5)
                .put(2, "x", "b", 6, 7)
                .get(1, "x", "b", 8, 9)
                .check();

        assertThat(verdict.linearizable()).as(verdict.describe()).isTrue();
        assertThat(verdict.describe()).isEqualTo("5 operations on 1 keys: linearizable");
    }

    @Test
    void aStaleReadIsNamedWithTheWriteItMissed() {
        Verdict verdict = history()
                .put(1, "x", "a", 0, 1)
                .put(1, "x", "b", 2, 3)
                .get(2, "x", "a", 4, 5)
                .get(2, "x", "b", 6, 7)
                .check();

        assertThat(verdict.linearizable()).isFalse();
        Violation violation = verdict.violations().get(0);
        assertThat(violation.firstUnexplained().id()).isEqualTo(2);
        // Put a is cut off: from an unknown value, put b then get a is already impossible.
        assertThat(ids(violation.window())).containsExactly(1, 2);
        assertThat(violation.windowStartsUnknown()).isTrue();
        assertThat(verdict.describe()).contains("#2 c2 get(x) -> a [4.000 ms .. 5.000 ms]")
                .contains("#1 c1 put(x, b) ok [2.000 ms .. 3.000 ms]");
    }

    @Test
    void aLostAcknowledgedWriteIsNotLinearizable() {
        Verdict verdict = history()
                .put(1, "x", "a", 0, 1)
                .get(2, "x", null, 2, 3)
                .check();

        Violation violation = verdict.violations().get(0);
        assertThat(ids(violation.window())).containsExactly(0, 1);
        assertThat(violation.firstUnexplained().id()).isEqualTo(1);
    }

    @Test
    void aReadConcurrentWithAWriteMaySeeEitherValue() {
        assertThat(history()
                .put(1, "x", "a", 0, 1)
                .put(1, "x", "b", 2, 10)
                .get(2, "x", "a", 3, 4)
                .get(3, "x", "b", 5, 6)
                .get(2, "x", "b", 7, 8)
                .check().linearizable()).isTrue();
        assertThat(history()
                .put(1, "x", "a", 0, 1)
                .put(1, "x", "b", 2, 10)
                .get(2, "x", "b", 3, 4)
                .get(3, "x", "a", 5, 6)
                .check().linearizable()).as("once a read saw b, a later read cannot see a").isFalse();
    }

    @Test
    void concurrentWritesMayTakeEffectInEitherOrderButOnlyOne() {
        assertThat(history()
                .put(1, "x", "a", 0, 5)
                .put(2, "x", "b", 1, 6)
                .get(3, "x", "a", 7, 8)
                .get(3, "x", "a", 9, 10)
                .check().linearizable()).isTrue();
        Verdict flipping = history()
                .put(1, "x", "a", 0, 5)
                .put(2, "x", "b", 1, 6)
                .get(3, "x", "a", 7, 8)
                .get(3, "x", "b", 9, 10)
                .check();
        assertThat(flipping.linearizable()).isFalse();
        // With no write in flight after 7 ms, the two reads alone are the violation.
        assertThat(ids(flipping.violations().get(0).window())).containsExactly(2, 3);
    }

    @Test
    void aWriteWithAnUnknownOutcomeMayApplyLateOrNever() {
        assertThat(history()
                .putUnknown(1, "x", "a", 0)
                .get(2, "x", null, 1, 2)
                .get(2, "x", "a", 30, 31)
                .check().linearizable()).as("applied late").isTrue();
        assertThat(history()
                .put(1, "x", "a", 0, 1)
                .putUnknown(1, "x", "b", 2)
                .get(2, "x", "a", 30, 31)
                .check().linearizable()).as("never applied").isTrue();
        Verdict readBeforeInvoked = history()
                .get(2, "x", "a", 0, 1)
                .putUnknown(1, "x", "a", 2)
                .check();
        assertThat(readBeforeInvoked.linearizable()).as("a value read before its write was sent").isFalse();
        assertThat(ids(readBeforeInvoked.violations().get(0).window())).containsExactly(0);
    }

    @Test
    void anUnknownWriteOnceSeenCannotBeUnseen() {
        Verdict verdict = history()
                .put(1, "x", "a", 0, 1)
                .putUnknown(1, "x", "b", 2)
                .get(2, "x", "b", 3, 4)
                .get(2, "x", "a", 5, 6)
                .check();

        assertThat(verdict.linearizable()).isFalse();
        assertThat(verdict.violations().get(0).firstUnexplained().id()).isEqualTo(3);
    }

    @Test
    void compareAndSetSwapsOnlyFromTheExpectedValue() {
        assertThat(history()
                .put(1, "x", "a", 0, 1)
                .cas(1, "x", "a", "b", true, 2, 3)
                .cas(2, "x", "a", "c", false, 4, 5)
                .get(2, "x", "b", 6, 7)
                .check().linearizable()).isTrue();
        assertThat(history()
                .cas(1, "x", "a", "b", false, 0, 1)
                .check().linearizable()).as("absent equals no value").isTrue();
        Verdict bothWon = history()
                .put(1, "x", "a", 0, 1)
                .cas(1, "x", "a", "b", true, 2, 5)
                .cas(2, "x", "a", "c", true, 3, 6)
                .check();
        assertThat(bothWon.linearizable()).as("two swaps from the same value").isFalse();
        assertThat(ids(bothWon.violations().get(0).window())).containsExactly(1, 2);
    }

    @Test
    void aCompareAndSetWithAnUnknownOutcomeMayHaveSwapped() {
        assertThat(history()
                .put(1, "x", "a", 0, 1)
                .casUnknown(1, "x", "a", "b", 2)
                .get(2, "x", "b", 3, 4)
                .cas(2, "x", "b", "c", true, 5, 6)
                .check().linearizable()).isTrue();
        assertThat(history()
                .put(1, "x", "a", 0, 1)
                .casUnknown(1, "x", "z", "b", 2)
                .get(2, "x", "b", 3, 4)
                .check().linearizable()).as("its compare could not hold").isFalse();
    }

    @Test
    void eachKeyIsCheckedOnItsOwnAndOnlyTheViolatingKeyIsNamed() {
        Verdict verdict = history()
                .put(1, "x", "a", 0, 1)
                .put(2, "y", "a", 0, 1)
                .get(1, "x", "a", 2, 3)
                .get(2, "y", null, 2, 3)
                .check();

        assertThat(verdict.keys()).isEqualTo(2);
        assertThat(verdict.violations()).extracting(Violation::key).containsExactly("y");
    }

    @Test
    void theWindowEndsAtTheFirstUnexplainedCompletionAndDropsReadsItDoesNotNeed() {
        Verdict verdict = history()
                .put(1, "x", "a", 0, 1)
                .get(2, "x", "a", 2, 3)
                .put(1, "x", "b", 4, 5)
                .get(3, "x", "b", 6, 7)
                .get(2, "x", "a", 8, 9)
                .put(1, "x", "c", 10, 11)
                .get(3, "x", "a", 12, 13)
                .check();

        Violation violation = verdict.violations().get(0);
        assertThat(violation.firstUnexplained().id()).isEqualTo(4);
        // Cut where no write is in flight: from an unknown value, reading b then a is already impossible.
        assertThat(ids(violation.window())).containsExactly(3, 4);
    }

    private static List<Integer> ids(List<Operation> operations) {
        return operations.stream().map(Operation::id).toList();
    }
}
