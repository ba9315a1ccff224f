/**
 * Leases: which leases exist, what a put naming a lease is checked against. Leases live in etcd's {@code lease}
 * bucket, keyed by the 8-byte big-endian lease ID.
 */
package io.revkv.store.lease;
