package io.revkv.store.mvcc;

/** The requested revision is above the current revision (etcd's {@code mvcc.ErrFutureRev}). */
public final class FutureRevisionException extends RuntimeException {
    public FutureRevisionException() {
        super("mvcc: required revision is a future revision", null, false, false);
    }
}
