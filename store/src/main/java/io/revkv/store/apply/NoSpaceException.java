package io.revkv.store.apply;

/**
 * The request does not fit in the space quota, or a NOSPACE alarm caps writes (etcd's {@code ErrNoSpace}). When the
 * apply-layer re-check raises it, the write was applied all the same (the log had committed it).
 */
public final class NoSpaceException extends RuntimeException {
    public NoSpaceException() {
        super("etcdserver: mvcc: database space exceeded", null, false, false);
    }
}
