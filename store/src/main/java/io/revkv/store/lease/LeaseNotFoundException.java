package io.revkv.store.lease;

/** The request names a lease that does not exist (etcd's {@code lease.ErrLeaseNotFound}). */
public final class LeaseNotFoundException extends RuntimeException {
    public LeaseNotFoundException() {
        super("lease not found", null, false, false);
    }
}
