package io.revkv.testing;

/**
 * Which side of the contract's {@code [3.4≠new]} items a server implements (etcd-semantics.md, legend).
 *
 * <p>revkv implements the newer behaviour ({@link #NEW}: etcd 3.5.16+/3.6); the only etcd runnable here is 3.4.23
 * ({@link #ETCD_3_4}). A differential test compares two servers with plain equality when their dialects agree, and
 * applies its known differences (the store's {@code compat.KnownDifferences}) when they do not.
 */
public enum Dialect {
    /** Debian's etcd 3.4.23. */
    ETCD_3_4,
    /** The behaviour the contract picks where releases differ: etcd 3.5.16+/3.6. */
    NEW
}
