package io.revkv.testing.linearizability;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Records what concurrent clients did, for {@link LinearizabilityChecker}. Thread-safe.
 *
 * <pre>{@code
 * History.Call call = history.invoke(client, new Command.Put("k1", "v7"));
 * try {
 *     kv.put(...);
 *     call.done();                       // acknowledged
 * } catch (StatusRuntimeException e) {
 *     call.unknown();                    // sent, fate unknown: it may have applied
 * }
 * }</pre>
 *
 * The invocation time is read before the request is sent and the completion time after its answer arrived, so
 * the interval always contains the instant the server applied it. A call that is neither completed nor marked
 * unknown is left out: do that only for a request known not to have been applied (or a read that failed).
 */
public final class History {

    private final AtomicInteger ids = new AtomicInteger();
    private final ConcurrentLinkedQueue<Operation> operations = new ConcurrentLinkedQueue<>();

    /** Starts an operation now. */
    public Call invoke(int client, Command command) {
        return new Call(ids.getAndIncrement(), client, command, System.nanoTime());
    }

    /** Every recorded operation, in invocation order. */
    public List<Operation> operations() {
        List<Operation> all = new ArrayList<>(operations);
        all.sort(Comparator.comparingInt(Operation::id));
        return all;
    }

    /** The operations acknowledged as written: puts that answered, compare-and-sets that swapped. */
    public List<Operation> acknowledgedWrites() {
        return operations().stream().filter(op -> op.reply() instanceof Reply.Done
                || op.reply() instanceof Reply.Swapped s && s.swapped()).toList();
    }

    /** Checks this history. */
    public Verdict check() {
        return LinearizabilityChecker.check(operations());
    }

    /** One operation in flight; complete it once. */
    public final class Call {
        private final int id;
        private final int client;
        private final Command command;
        private final long invokedAt;

        private Call(int id, int client, Command command, long invokedAt) {
            this.id = id;
            this.client = client;
            this.command = command;
            this.invokedAt = invokedAt;
        }

        public Command command() {
            return command;
        }

        /** A put was acknowledged. */
        public void done() {
            complete(Reply.DONE);
        }

        /** A get read {@code value} ({@code null}: absent). */
        public void read(String value) {
            complete(new Reply.Read(value));
        }

        /** A compare-and-set answered. */
        public void swapped(boolean swapped) {
            complete(new Reply.Swapped(swapped));
        }

        /** A write's fate is unknown. */
        public void unknown() {
            complete(Reply.UNKNOWN);
        }

        private void complete(Reply reply) {
            operations.add(new Operation(id, client, command, invokedAt, System.nanoTime(), reply));
        }
    }
}
