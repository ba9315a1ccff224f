package io.revkv.testing.linearizability;

import java.util.List;

/**
 * The checker's answer for a whole history.
 *
 * @param operations how many operations were checked
 * @param keys       over how many keys
 * @param violations one per key whose history is not linearizable; empty when the history is linearizable
 * @param origin     the earliest invocation, time zero of {@link #describe()}
 */
public record Verdict(int operations, int keys, List<Violation> violations, long origin) {

    public boolean linearizable() {
        return violations.isEmpty();
    }

    /** One line when linearizable, otherwise every violation with its operations. */
    public String describe() {
        if (linearizable()) {
            return operations + " operations on " + keys + " keys: linearizable";
        }
        StringBuilder out = new StringBuilder(operations + " operations on " + keys + " keys: "
                + violations.size() + " key(s) not linearizable\n");
        violations.forEach(v -> out.append(v.describe(origin)));
        return out.toString();
    }

    @Override
    public String toString() {
        return describe();
    }
}
