package io.revkv.store.mvcc;

/** The requested revision is below the compact revision (etcd's {@code mvcc.ErrCompacted}). */
public final class CompactedException extends RuntimeException {
    public CompactedException() {
        super("mvcc: required revision has been compacted", null, false, false);
    }
}
