package io.revkv.store.apply;

/** A CORRUPT alarm is active: the member refuses KV requests (etcd's {@code ErrCorrupt}). */
public final class CorruptException extends RuntimeException {
    public CorruptException() {
        super("etcdserver: corrupt cluster", null, false, false);
    }
}
