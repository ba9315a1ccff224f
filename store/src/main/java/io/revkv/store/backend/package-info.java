/**
 * The storage engine under the MVCC store: one RocksDB database with a column family per etcd bucket
 * ({@link io.revkv.store.backend.Bucket}), consistent read snapshots, atomic write batches and size figures.
 *
 * <p>This package knows bytes, not revisions or keys' histories: encodings belong to the packages that own the
 * buckets ({@code mvcc} owns {@code key} and the compaction/consistent-index entries of {@code meta}). Keys compare
 * with RocksDB's default bytewise comparator, which is unsigned, as in etcd's bbolt.
 *
 * <p>Durability: the Raft log (fsynced by Ratis before an entry is applied) is the only write-ahead log. RocksDB's
 * own WAL is off, so a crash loses the batches still in memtables, and takes the backend back to a consistent earlier
 * point (flushes are atomic across column families). The Raft log still holds every entry applied since that point,
 * and the consistent index stored with the data tells which ones to apply again. The Raft log is purged only below a
 * Raft snapshot, which {@link io.revkv.store.backend.Backend#flush()}es first. Writes that are not replicated
 * entries must be either derived from replicated state (a compaction's deletions, which resume from its scheduled
 * mark) or flushed by whoever makes them (a restore).
 *
 * <p>Space: {@link io.revkv.store.backend.Backend#size()} is what the files and memtables take;
 * {@link io.revkv.store.backend.Backend#sizeInUse()} estimates what they would take once RocksDB dropped every deleted
 * record (see {@link io.revkv.store.backend.SpaceInUse}), which is what a defragmentation forces.
 */
package io.revkv.store.backend;
