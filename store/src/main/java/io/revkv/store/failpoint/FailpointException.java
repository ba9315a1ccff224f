package io.revkv.store.failpoint;

/** Thrown by a failpoint armed with {@link FailpointAction#THROW}. */
public final class FailpointException extends RuntimeException {
    public FailpointException(String name) {
        super("failpoint " + name + " hit");
    }
}
