package io.revkv.testing.linearizability;

/**
 * What a client learned from one command. {@link Unknown} is the answer of a write whose fate the client cannot
 * know (it timed out, or the connection dropped after it was sent): it may or may not have taken effect, and the
 * checker allows both.
 */
public sealed interface Reply {

    /** A put was acknowledged. */
    record Done() implements Reply {
        @Override
        public String toString() {
            return "ok";
        }
    }

    /** A get saw {@code value}, {@code null} when the key was absent. */
    record Read(String value) implements Reply {
        @Override
        public String toString() {
            return value == null ? "-> absent" : "-> " + value;
        }
    }

    /** A compare-and-set answered whether its compare held (and so whether it wrote). */
    record Swapped(boolean swapped) implements Reply {
        @Override
        public String toString() {
            return swapped ? "-> swapped" : "-> not swapped";
        }
    }

    /** The outcome is unknown: the write may have been applied, at any time after its invocation, or never. */
    record Unknown() implements Reply {
        @Override
        public String toString() {
            return "-> unknown";
        }
    }

    Reply DONE = new Done();
    Reply UNKNOWN = new Unknown();
}
