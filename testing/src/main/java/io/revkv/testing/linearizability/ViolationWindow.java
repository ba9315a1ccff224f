package io.revkv.testing.linearizability;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * Shrinks a non-linearizable key history to the operations that make it so, with cuts that keep it
 * non-linearizable for a reason the full history also has (each cut can only make a history easier to linearize):
 * <ol>
 *   <li><b>End</b>: linearizability is prefix-closed, so the history up to a completion is checked with the
 *       operations still in flight then turned unknown (writes) or dropped (reads). A binary search over
 *       completions finds the first one no order explains.</li>
 *   <li><b>Start</b>: drop every operation invoked before an instant when no write was in flight, and start from an
 *       unknown value: the dropped writes precede all kept operations in any order, and the permissive
 *       {@link RegisterModel#ANY} stands for whatever they left. The latest such instant that keeps the violation
 *       wins.</li>
 *   <li><b>Reads</b>: a get, or a compare-and-set that did not swap, changes nothing, so leaving it out only removes
 *       a constraint. Each is left out when the violation survives without it.</li>
 * </ol>
 * Writes inside the window stay: leaving out a write can create a violation the full history does not have.
 */
final class ViolationWindow {

    private ViolationWindow() {
    }

    static Violation find(String key, List<Operation> history) {
        List<Long> completions = history.stream().filter(op -> !op.unknown()).map(Operation::completedAt)
                .sorted().distinct().toList();
        int low = 0;
        int high = completions.size() - 1;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (linearizable(prefix(history, completions.get(middle)), RegisterModel.ABSENT)) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        long end = completions.get(low);
        List<Operation> window = prefix(history, end);
        Operation unexplained = window.stream().filter(op -> op.completedAt() == end).findFirst().orElseThrow();
        Object initial = RegisterModel.ABSENT;
        List<Operation> cut = latestCut(window);
        if (cut != null) {
            window = cut;
            initial = RegisterModel.ANY;
        }
        window = withoutNeedlessReads(window, initial);
        return new Violation(key, unexplained, window, initial == RegisterModel.ANY,
                JustInTimeSearch.run(window, initial).longestLinearization());
    }

    /** The operations invoked by {@code end}, the ones still in flight then without their replies. */
    static List<Operation> prefix(List<Operation> history, long end) {
        List<Operation> kept = new ArrayList<>();
        for (Operation op : history) {
            if (op.invokedAt() > end) {
                continue;
            }
            if (op.completedAt() <= end) {
                kept.add(op);
            } else if (op.writes()) {
                kept.add(new Operation(op.id(), op.client(), op.command(), op.invokedAt(), Long.MAX_VALUE,
                        Reply.UNKNOWN));
            }
        }
        return kept;
    }

    private static List<Operation> latestCut(List<Operation> window) {
        List<Long> starts = window.stream().map(Operation::invokedAt).sorted().distinct().toList();
        for (int i = starts.size() - 1; i > 0; i--) {
            long start = starts.get(i);
            Predicate<Operation> dropped = op -> op.invokedAt() < start;
            boolean writeInFlight = window.stream().anyMatch(op -> dropped.test(op) && op.writes()
                    && op.completedAt() >= start);
            if (writeInFlight) {
                continue;
            }
            List<Operation> kept = window.stream().filter(dropped.negate()).toList();
            if (!linearizable(kept, RegisterModel.ANY)) {
                return kept;
            }
        }
        return null;
    }

    private static List<Operation> withoutNeedlessReads(List<Operation> window, Object initial) {
        List<Operation> kept = new ArrayList<>(window);
        for (Operation op : window) {
            if (!isPureRead(op)) {
                continue;
            }
            kept.remove(op);
            if (linearizable(kept, initial)) {
                kept.add(op);
                kept.sort(Comparator.comparingInt(Operation::id));
            }
        }
        return kept;
    }

    private static boolean isPureRead(Operation op) {
        return op.command() instanceof Command.Get
                || op.reply() instanceof Reply.Swapped swapped && !swapped.swapped();
    }

    private static boolean linearizable(List<Operation> history, Object initial) {
        return history.isEmpty() || JustInTimeSearch.run(history, initial).linearizable();
    }
}
