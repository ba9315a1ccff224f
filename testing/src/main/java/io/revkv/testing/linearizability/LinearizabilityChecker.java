package io.revkv.testing.linearizability;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a recorded history of puts, linearizable gets and compare-and-sets against a key-value store where every
 * key starts absent. Linearizability is compositional (Herlihy and Wing's locality): the whole history is
 * linearizable exactly when each key's sub-history is, so each key is checked on its own
 * ({@link JustInTimeSearch}), which keeps the search small. For every key that fails, {@link ViolationWindow} names
 * the violating operations.
 */
public final class LinearizabilityChecker {

    private LinearizabilityChecker() {
    }

    public static Verdict check(List<Operation> history) {
        Map<String, List<Operation>> byKey = new LinkedHashMap<>();
        history.stream().sorted(Comparator.comparingInt(Operation::id))
                .forEach(op -> byKey.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(op));
        List<Violation> violations = new ArrayList<>();
        byKey.forEach((key, ops) -> {
            if (!JustInTimeSearch.run(ops, RegisterModel.ABSENT).linearizable()) {
                violations.add(ViolationWindow.find(key, ops));
            }
        });
        long origin = history.stream().mapToLong(Operation::invokedAt).min().orElse(0);
        return new Verdict(history.size(), byKey.size(), violations, origin);
    }
}
