/**
 * Process-level compatibility tests: real etcd 3.4.23 is the oracle, revkv the candidate.
 *
 * <h2>Harness (reuse it for crash, restart and etcdctl tests)</h2>
 * <ul>
 *   <li>{@link io.revkv.store.compat.ServerProcess}: one server as an OS process with etcd's flags on free loopback
 *       ports ({@link io.revkv.store.compat.FreePorts}); start / awaitReady / channel / endpoint / stop (SIGTERM) /
 *       kill (SIGKILL) / restart on the same data dir and ports; log under {@code target/compat/...} with
 *       {@code log()}, {@code logTail(n)}, {@code awaitLogLine(pattern, timeout)}.
 *       {@link io.revkv.store.compat.EtcdProcess} and {@link io.revkv.store.compat.RevkvProcess} are the two kinds;
 *       their {@link io.revkv.store.compat.Dialect} says which side of the contract's [3.4≠new] items they take.</li>
 *   <li>{@link io.revkv.store.compat.ServerProcesses}: JUnit extension that creates ready servers and always stops
 *       them; a JVM shutdown hook ({@code ProcessReaper}) kills anything left.</li>
 *   <li>{@link io.revkv.store.compat.EtcdRpc} sends a request message to its RPC and returns an
 *       {@link io.revkv.store.compat.Outcome}; {@link io.revkv.store.compat.Etcdctl} runs the real etcdctl.</li>
 * </ul>
 *
 * <h2>Differential testing</h2>
 * {@link io.revkv.store.compat.Workload} (seeded, 12 keys) → {@link io.revkv.store.compat.DifferentialRun} (both
 * servers, every answer) → {@link io.revkv.store.compat.KnownDifferences} (named 3.4≠new items: check the new
 * behaviour, translate to 3.4's) → {@link io.revkv.store.compat.ResponseComparer} (normalized protobuf equality).
 * Both ITs also run etcd against etcd, which must show no difference at all: that validates the harness.
 */
package io.revkv.store.compat;
