/**
 * Leases: grant, revoke, keep-alive, expiry (contract §9). {@link io.revkv.store.lease.LeaseTable} holds every lease
 * and its keys in memory; the {@code lease} bucket ({@link io.revkv.store.lease.StoredLeases}) holds them durably,
 * written by the applier in the same batch as the consistent index. Only the leader's lessor expires leases: its
 * {@link io.revkv.store.lease.LeaseExpiry} loop proposes a revoke through Raft through a one-method
 * {@link io.revkv.store.lease.LeaseRevoker}, so this package depends on neither Raft nor the MVCC store.
 */
package io.revkv.store.lease;
