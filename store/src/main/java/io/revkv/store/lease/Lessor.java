package io.revkv.store.lease;

/** The leases the store knows (etcd's {@code lease.Lessor}); a put naming a lease is checked against it. */
public interface Lessor {

    /** Whether lease {@code id} exists now (granted, not yet revoked or expired). */
    boolean exists(long id);
}
