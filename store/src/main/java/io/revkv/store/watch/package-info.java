/**
 * The watchable store (etcd's {@code mvcc/watchable_store.go} and {@code watcher_group.go}): watchers over key
 * ranges, fed with the events of every committed write txn.
 *
 * <p>Owns: {@link io.revkv.store.watch.WatchableStore}, a {@link io.revkv.store.mvcc.KvStore} decorator whose write
 * txns publish their changes once committed; the <em>synced</em> watchers, which get those changes at once, and the
 * <em>unsynced</em> ones, which a background loop catches up from disk ({@code CatchUp}); the per-stream state
 * ({@link io.revkv.store.watch.WatchStream}: watch IDs, a bounded outbox, progress notifications); cancellation of
 * watchers that need compacted history. Contract: {@code etcd-semantics.md} §8 and §4.5.
 *
 * <p>The one rule everything here serves: the write path (the single Raft apply thread) never waits for a client.
 * A watcher whose stream cannot take more responses drops out of the synced group and is caught up later from disk,
 * so it loses and reorders nothing. The gRPC service lives in {@code api} and reaches a client through
 * {@link io.revkv.store.watch.WatchSink}.
 */
package io.revkv.store.watch;
