/**
 * The deterministic applier: the one place where a replicated request changes state (etcd's {@code apply.go}).
 *
 * <p>{@link io.revkv.store.apply.Applier} is the contract; {@link io.revkv.store.apply.BackendApplier} runs each
 * request on the MVCC store, and the other concerns (quota, auth, the NOSPACE cap) are decorators around it, one per
 * file. Every member applies the same log entries in the same order, so nothing here may depend on time, randomness
 * or local configuration. Errors leave as {@link io.revkv.store.errors.EtcdException}s of the one error table; the
 * Raft reply carries them back to the proposing member and the API layer answers with their gRPC code and message.
 */
package io.revkv.store.apply;
