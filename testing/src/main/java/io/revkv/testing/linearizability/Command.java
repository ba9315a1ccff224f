package io.revkv.testing.linearizability;

import java.util.Objects;

/**
 * What a client asked of one key, in the register model: a key holds one value or none (absent).
 *
 * <p>Values are plain strings; tests make every written value unique, so that a read names the write it saw.
 */
public sealed interface Command {

    /** The key this command reads or writes; the checker checks each key on its own. */
    String key();

    /** Sets the key's value. */
    record Put(String key, String value) implements Command {
        public Put {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return "put(" + key + ", " + value + ")";
        }
    }

    /** A linearizable read of the key's value ({@code null} when absent). */
    record Get(String key) implements Command {
        public Get {
            Objects.requireNonNull(key, "key");
        }

        @Override
        public String toString() {
            return "get(" + key + ")";
        }
    }

    /**
     * A transaction {@code if value(key) == expected then put(key, value)}. An absent key equals no value, so the
     * compare fails on it, as etcd's value compare does on a missing key.
     */
    record CompareAndSet(String key, String expected, String value) implements Command {
        public CompareAndSet {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(expected, "expected");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return "cas(" + key + ", " + expected + " -> " + value + ")";
        }
    }
}
