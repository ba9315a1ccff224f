package io.revkv.store.errors;

/**
 * A failure a client is told about in etcd's words: its meaning is {@link #error()}, its message the error's exact
 * message. Made only by {@link EtcdError#exception()}, so the table stays the one place that names a failure.
 *
 * <p>Catch it by meaning, not by a subtype: {@code EtcdError.COMPACTED.matches(e)}. The same error raised on
 * another member and carried back through the Raft reply is an {@code EtcdException} of the same entry.
 */
public final class EtcdException extends RuntimeException {

    private final EtcdError error;

    EtcdException(EtcdError error) {
        // Expected outcomes (a client's mistake, a race, a lost leader), raised often: no stack trace to fill in.
        super(error.message(), null, false, false);
        this.error = error;
    }

    public EtcdError error() {
        return error;
    }
}
