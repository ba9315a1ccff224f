package io.revkv.testing.linearizability;

import java.util.ArrayList;
import java.util.List;

/** Hand-written histories for the checker's tests: times in milliseconds, ids in the order ops are added. */
final class Histories {

    private final List<Operation> operations = new ArrayList<>();

    static Histories history() {
        return new Histories();
    }

    Histories put(int client, String key, String value, long from, long to) {
        return add(client, new Command.Put(key, value), from, to, Reply.DONE);
    }

    Histories putUnknown(int client, String key, String value, long from) {
        return add(client, new Command.Put(key, value), from, from, Reply.UNKNOWN);
    }

    /** {@code value} null: read the key absent. */
    Histories get(int client, String key, String value, long from, long to) {
        return add(client, new Command.Get(key), from, to, new Reply.Read(value));
    }

    Histories cas(int client, String key, String expected, String value, boolean swapped, long from, long to) {
        return add(client, new Command.CompareAndSet(key, expected, value), from, to, new Reply.Swapped(swapped));
    }

    Histories casUnknown(int client, String key, String expected, String value, long from) {
        return add(client, new Command.CompareAndSet(key, expected, value), from, from, Reply.UNKNOWN);
    }

    List<Operation> operations() {
        return List.copyOf(operations);
    }

    Verdict check() {
        return LinearizabilityChecker.check(operations);
    }

    private Histories add(int client, Command command, long from, long to, Reply reply) {
        operations.add(new Operation(operations.size(), client, command, from * 1_000_000, to * 1_000_000, reply));
        return this;
    }
}
