package io.revkv.store.lease;

/** A grant asks for a TTL above {@link Lessor#MAX_TTL} (etcd's {@code lease.ErrLeaseTTLTooLarge}). */
public final class LeaseTtlTooLargeException extends RuntimeException {
    public LeaseTtlTooLargeException() {
        super("too large lease TTL", null, false, false);
    }
}
