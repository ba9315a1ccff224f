/**
 * Histories of a key-value register and their linearizability checker.
 *
 * <p>{@link io.revkv.testing.linearizability.History} records {@link io.revkv.testing.linearizability.Operation}s
 * (a {@link io.revkv.testing.linearizability.Command}: put, linearizable get or compare-and-set; its
 * {@link io.revkv.testing.linearizability.Reply}, possibly unknown; invocation and completion times).
 * {@link io.revkv.testing.linearizability.LinearizabilityChecker} checks each key on its own with a just-in-time
 * search (Wing and Gong, Lowe; memoized as in Porcupine) and answers a
 * {@link io.revkv.testing.linearizability.Verdict}; a {@link io.revkv.testing.linearizability.Violation} names the
 * first completion no order explains and a minimal window of operations around it.
 */
package io.revkv.testing.linearizability;
