package io.revkv.store.lease;

/** A grant names a lease ID already in use (etcd's {@code lease.ErrLeaseExists}). */
public final class LeaseExistsException extends RuntimeException {
    public LeaseExistsException() {
        super("lease already exists", null, false, false);
    }
}
