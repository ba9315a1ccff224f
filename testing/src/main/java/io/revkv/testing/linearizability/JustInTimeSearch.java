package io.revkv.testing.linearizability;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides whether one key's history is linearizable: Wing and Gong's search with Lowe's just-in-time
 * linearization and memoization of (linearized set, state) pairs, as Porcupine does.
 *
 * <p>The history becomes a list of call and return events in time order. Walking it from the front, the search
 * tries to linearize each operation whose call it meets (the model must accept its reply), lifts that operation's
 * two events out of the list and starts again from the front. Meeting a return event means that operation should
 * already have been linearized: the search backtracks to its last choice and tries the next call instead. The
 * history is linearizable once the list is empty. A (set of linearized operations, state) pair seen before leads
 * where it led before, so it is not explored twice.
 *
 * <p>Events at the same instant count as concurrent (calls sort before returns), which can only accept more.
 * Operations with unknown outcomes return at infinity: once the first return left is one of theirs, every
 * operation left is unknown, and they can all be linearized in any order at the end.
 */
final class JustInTimeSearch {

    /** Explored steps after which the search gives up rather than run for hours. */
    private static final long STEP_LIMIT = 20_000_000L;

    private JustInTimeSearch() {
    }

    /**
     * @param linearizable        whether some order explains every reply
     * @param longestLinearization the longest prefix of a legal order the search found (all of it when linearizable)
     */
    record Result(boolean linearizable, List<Operation> longestLinearization) {
    }

    static Result run(List<Operation> history, Object initialState) {
        Entry head = events(history);
        BitSet linearized = new BitSet();
        Set<Memo> seen = new HashSet<>();
        Deque<Choice> choices = new ArrayDeque<>();
        List<Operation> longest = List.of();
        Object state = initialState;
        Entry entry = head.next;
        long steps = 0;
        while (head.next != null) {
            if (++steps > STEP_LIMIT) {
                throw new IllegalStateException("linearizability search gave up after " + STEP_LIMIT + " steps on "
                        + history.size() + " operations of key " + history.get(0).key());
            }
            if (entry.isCall) {
                Object next = RegisterModel.step(state, entry.op);
                if (next != null) {
                    BitSet after = (BitSet) linearized.clone();
                    after.set(entry.index);
                    if (seen.add(new Memo(after, next))) {
                        choices.push(new Choice(entry, state));
                        state = next;
                        linearized.set(entry.index);
                        entry.lift();
                        entry = head.next;
                        continue;
                    }
                }
                entry = entry.next;
            } else if (entry.op.unknown()) {
                return new Result(true, withRemainingCalls(operations(choices), head));
            } else {
                if (choices.size() > longest.size()) {
                    longest = operations(choices);
                }
                if (choices.isEmpty()) {
                    return new Result(false, longest);
                }
                Choice last = choices.pop();
                state = last.stateBefore;
                linearized.clear(last.call.index);
                last.call.unlift();
                entry = last.call.next;
            }
        }
        return new Result(true, operations(choices));
    }

    private static List<Operation> operations(Deque<Choice> choices) {
        List<Operation> order = new ArrayList<>();
        choices.descendingIterator().forEachRemaining(c -> order.add(c.call.op));
        return order;
    }

    /** {@code order} followed by the operations whose calls are still in the list (all unknown, any order works). */
    private static List<Operation> withRemainingCalls(List<Operation> order, Entry head) {
        for (Entry e = head.next; e != null; e = e.next) {
            if (e.isCall) {
                order.add(e.op);
            }
        }
        return order;
    }

    /** The call and return events of {@code history} as a doubly linked list behind a sentinel head. */
    private static Entry events(List<Operation> history) {
        List<Entry> all = new ArrayList<>();
        for (int i = 0; i < history.size(); i++) {
            Operation op = history.get(i);
            Entry call = new Entry(op, i, true, op.invokedAt());
            Entry ret = new Entry(op, i, false, op.completedAt());
            call.match = ret;
            all.add(call);
            all.add(ret);
        }
        all.sort(Comparator.comparingLong((Entry e) -> e.time).thenComparing(e -> !e.isCall));
        Entry head = new Entry(null, -1, false, Long.MIN_VALUE);
        Entry previous = head;
        for (Entry e : all) {
            previous.next = e;
            e.prev = previous;
            previous = e;
        }
        return head;
    }

    private record Memo(BitSet linearized, Object state) {
    }

    private record Choice(Entry call, Object stateBefore) {
    }

    /** One event; a call entry knows its return ({@link #match}) so both can be lifted out together. */
    private static final class Entry {
        final Operation op;
        final int index;
        final boolean isCall;
        final long time;
        Entry match;
        Entry prev;
        Entry next;

        Entry(Operation op, int index, boolean isCall, long time) {
            this.op = op;
            this.index = index;
            this.isCall = isCall;
            this.time = time;
        }

        /** Takes this call and its return out of the list (a call always has a predecessor: the head). */
        void lift() {
            prev.next = next;
            if (next != null) {
                next.prev = prev;
            }
            match.prev.next = match.next;
            if (match.next != null) {
                match.next.prev = match.prev;
            }
        }

        /** Puts them back where they were; undoes {@link #lift()} in reverse order. */
        void unlift() {
            match.prev.next = match;
            if (match.next != null) {
                match.next.prev = match;
            }
            prev.next = this;
            if (next != null) {
                next.prev = this;
            }
        }
    }
}
