package io.revkv.store.raft;

/** A proposal or read index did not complete in time (etcd's {@code ErrTimeout}). */
public final class ProposalTimeoutException extends RuntimeException {
    public ProposalTimeoutException() {
        super("etcdserver: request timed out", null, false, false);
    }
}
