/**
 * The process test harness shared by the modules' tests: etcd-compatible servers (real etcd 3.4 or the packaged
 * revkv) as OS processes on loopback, and the clients that talk to them. It knows nothing of the store's classes.
 *
 * <ul>
 *   <li>{@link io.revkv.testing.ServerProcess}: one server as an OS process with etcd's flags on free loopback
 *       ports ({@link io.revkv.testing.FreePorts}); start / awaitReady / channel / endpoint / stop (SIGTERM) /
 *       kill (SIGKILL) / restart on the same data dir and ports; log under {@code target/compat/...} with
 *       {@code log()}, {@code logTail(n)}, {@code awaitLogLine(pattern, timeout)}.
 *       {@link io.revkv.testing.EtcdProcess} and {@link io.revkv.testing.RevkvProcess} are the two kinds (revkv's
 *       jar comes from system property {@code revkv.app.jar}); their {@link io.revkv.testing.Dialect} says which
 *       side of the contract's [3.4≠new] items they take.</li>
 *   <li>{@link io.revkv.testing.ServerProcesses}: JUnit extension that creates ready servers and always stops
 *       them; a JVM shutdown hook ({@code ProcessReaper}) kills anything left.</li>
 *   <li>{@link io.revkv.testing.EtcdRpc} sends a request message to its RPC and returns an
 *       {@link io.revkv.testing.Outcome}; {@link io.revkv.testing.Etcdctl} runs the real etcdctl;
 *       {@link io.revkv.testing.TestCertificates} makes a throwaway PKI and {@link io.revkv.testing.ClientTls} says
 *       how a client reaches a TLS port; {@link io.revkv.testing.Protos} prints messages and builds byte strings.</li>
 *   <li>{@link io.revkv.testing.LoopbackCluster}: N members of one server kind bootstrapped with
 *       {@code --initial-cluster}; the leader from Status; pause (SIGSTOP) / resume (SIGCONT) / kill / restart of
 *       members; joiners started with {@code --initial-cluster-state existing} after MemberAdd.
 *       {@link io.revkv.testing.RegisterWorkload} runs recording clients over all endpoints and
 *       {@link io.revkv.testing.ClusterConvergence} checks what members must agree on afterwards.</li>
 *   <li>{@link io.revkv.testing.linearizability}: the recorded history and its linearizability checker.</li>
 * </ul>
 */
package io.revkv.testing;
