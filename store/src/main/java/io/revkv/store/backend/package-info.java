/**
 * The storage engine under the MVCC store: one RocksDB database with a column family per etcd bucket
 * ({@link io.revkv.store.backend.Bucket}), consistent read snapshots, atomic write batches and size figures.
 *
 * <p>This package knows bytes, not revisions or keys' histories: encodings belong to the packages that own the
 * buckets ({@code mvcc} owns {@code key} and the compaction/consistent-index entries of {@code meta}). Keys compare
 * with RocksDB's default bytewise comparator, which is unsigned, as in etcd's bbolt.
 *
 * <p>Durability: commits are not fsynced one by one. The Raft log (fsynced by Ratis) is the write-ahead log and is
 * replayed after a crash; RocksDB's own WAL stays on, so killing the process loses nothing that was committed, and
 * {@link io.revkv.store.backend.Backend#sync()} makes it survive a machine crash where that matters.
 */
package io.revkv.store.backend;
