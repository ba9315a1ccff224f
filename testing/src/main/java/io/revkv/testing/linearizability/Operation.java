package io.revkv.testing.linearizability;

import java.util.Objects;

/**
 * One command of one client with its reply and real-time bounds: it took effect, if at all, at some instant in
 * {@code [invokedAt, completedAt]} ({@link System#nanoTime()} readings of the test JVM). An operation with an
 * {@link Reply.Unknown} reply has no completion: {@code completedAt} is {@link Long#MAX_VALUE}.
 *
 * @param id     unique within its history, in invocation order
 * @param client which client issued it; one client has at most one operation in flight
 */
public record Operation(int id, int client, Command command, long invokedAt, long completedAt, Reply reply) {

    public Operation {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(reply, "reply");
        if (reply instanceof Reply.Unknown) {
            if (command instanceof Command.Get) {
                throw new IllegalArgumentException("a read without an answer tells nothing; leave it out: " + command);
            }
            completedAt = Long.MAX_VALUE;
        } else if (!fits(command, reply)) {
            throw new IllegalArgumentException(reply + " is no reply to " + command);
        }
        if (completedAt < invokedAt) {
            throw new IllegalArgumentException("completed before invoked: " + command);
        }
    }

    private static boolean fits(Command command, Reply reply) {
        if (command instanceof Command.Put) {
            return reply instanceof Reply.Done;
        }
        return command instanceof Command.Get ? reply instanceof Reply.Read : reply instanceof Reply.Swapped;
    }

    public String key() {
        return command.key();
    }

    public boolean unknown() {
        return reply instanceof Reply.Unknown;
    }

    /** Whether it may change the register: a put or compare-and-set, whatever it answered. */
    public boolean writes() {
        return !(command instanceof Command.Get);
    }

    /** e.g. {@code #12 c3 put(k1, v7) ok [1.204 ms .. 3.900 ms]}, times relative to {@code origin}. */
    public String describe(long origin) {
        String end = unknown() ? "?" : millis(completedAt - origin);
        return "#" + id + " c" + client + " " + command + " " + reply + " [" + millis(invokedAt - origin) + " .. "
                + end + "]";
    }

    private static String millis(long nanos) {
        return String.format("%.3f ms", nanos / 1e6);
    }

    @Override
    public String toString() {
        return describe(0);
    }
}
