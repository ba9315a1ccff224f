package io.revkv.store.lease;

/**
 * Only the primary lessor (the Raft leader's) renews leases, since only it runs their expiry (etcd's
 * {@code lease.ErrNotPrimary}).
 */
public final class NotPrimaryException extends RuntimeException {
    public NotPrimaryException() {
        super("not a primary lessor", null, false, false);
    }
}
