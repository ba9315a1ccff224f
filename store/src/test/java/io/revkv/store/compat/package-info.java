/**
 * Process-level compatibility tests: real etcd 3.4.23 is the oracle, revkv the candidate. The servers, the
 * etcdctl runner and {@code Outcome} come from the shared harness, {@link io.revkv.testing} (module
 * {@code testing/}).
 *
 * <h2>Differential testing</h2>
 * {@link io.revkv.store.compat.Workload} (seeded, 12 keys) → {@link io.revkv.store.compat.DifferentialRun} (both
 * servers, every answer) → {@link io.revkv.store.compat.KnownDifferences} (named 3.4≠new items: check the new
 * behaviour, translate to 3.4's) → {@link io.revkv.store.compat.ResponseComparer} (normalized protobuf equality).
 * Both ITs also run etcd against etcd, which must show no difference at all: that validates the harness.
 */
package io.revkv.store.compat;
