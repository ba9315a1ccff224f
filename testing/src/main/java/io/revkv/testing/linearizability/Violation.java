package io.revkv.testing.linearizability;

import java.util.List;

/**
 * Why one key's history is not linearizable, as small as the checker could make it.
 *
 * @param key                  the key
 * @param firstUnexplained     the operation whose completion no order of the history up to it can explain: every
 *                             prefix of the history that ends before it is linearizable, the one ending with it
 *                             is not
 * @param window               a non-linearizable sub-history around it: the history up to that completion, cut at
 *                             the latest start where no write was in flight, and without every read that the
 *                             violation does not need; the operations named here are the violating ones
 * @param windowStartsUnknown  whether the window starts from an unknown value (it was cut) or from an absent key
 * @param longestLinearization the longest legal order of window operations the search found before it got stuck
 */
public record Violation(String key, Operation firstUnexplained, List<Operation> window, boolean windowStartsUnknown,
        List<Operation> longestLinearization) {

    /** A readable report with times relative to {@code origin}. */
    public String describe(long origin) {
        StringBuilder out = new StringBuilder("key ").append(key).append(": not linearizable\n")
                .append("  first completion no order explains: ").append(firstUnexplained.describe(origin))
                .append("\n  violating operations (").append(window.size()).append(", from ")
                .append(windowStartsUnknown ? "an unknown value" : "an absent key").append("):\n");
        window.forEach(op -> out.append("    ").append(op.describe(origin)).append('\n'));
        out.append("  longest legal order of them found:");
        longestLinearization.forEach(op -> out.append(" #").append(op.id()));
        return out.append('\n').toString();
    }
}
