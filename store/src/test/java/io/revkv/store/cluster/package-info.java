/**
 * Process-level cluster tests: several packaged revkv members on loopback ({@code io.revkv.testing.LoopbackCluster}),
 * failures injected with signals (kill -9, SIGSTOP/SIGCONT, restart) or membership changes raced by leadership moves
 * ({@code MoveLeaderMembershipIT}), while {@code RegisterWorkload} clients write and read through every member. Each
 * ends with {@link io.revkv.store.cluster.ClusterRun#finish()}: every acknowledged write on every member, the same
 * HashKV at the same revision everywhere, and the recorded history linearizable.
 */
package io.revkv.store.cluster;
