package io.revkv.testing.linearizability;

/**
 * The sequential specification of one key: its state is a value, {@link #ABSENT}, or {@link #ANY} (an initial
 * value nobody knows, used when the checker cuts off the start of a history). {@link #step} answers the state after
 * an operation, or {@code null} when the operation's reply is impossible in that state.
 *
 * <p>An operation with an unknown reply always takes effect when it is linearized; "it never took effect" is the
 * same as "it took effect after every other operation", which the search can always choose.
 */
final class RegisterModel {

    /** The key does not exist. */
    static final Object ABSENT = new Object() {
        @Override
        public String toString() {
            return "absent";
        }
    };

    /**
     * Some value, not known. Deliberately permissive (a failed compare leaves it {@code ANY}): a history that is not
     * linearizable from {@code ANY} is not linearizable from any actual value.
     */
    static final Object ANY = new Object() {
        @Override
        public String toString() {
            return "any";
        }
    };

    private RegisterModel() {
    }

    /** The state after {@code op} from {@code state}, or {@code null} if {@code op}'s reply rules it out. */
    static Object step(Object state, Operation op) {
        Command command = op.command();
        Reply reply = op.reply();
        if (command instanceof Command.Put put) {
            return put.value();
        }
        if (command instanceof Command.Get) {
            Object seen = ((Reply.Read) reply).value() == null ? ABSENT : ((Reply.Read) reply).value();
            return state == ANY || state.equals(seen) ? seen : null;
        }
        Command.CompareAndSet cas = (Command.CompareAndSet) command;
        boolean holds = cas.expected().equals(state);
        if (reply instanceof Reply.Unknown) {
            return state == ANY ? ANY : holds ? cas.value() : state;
        }
        boolean swapped = ((Reply.Swapped) reply).swapped();
        if (state == ANY) {
            return swapped ? cas.value() : ANY;
        }
        if (swapped != holds) {
            return null;
        }
        return swapped ? cas.value() : state;
    }
}
