/**
 * The MVCC key-value store (etcd's {@code mvcc}): every change gets a {@link io.revkv.store.mvcc.Revision}, every
 * version of every key stays readable until compacted.
 *
 * <p>Owns: the revision encoding of the {@code key} bucket; the in-memory index of key generations
 * ({@code KeyIndex}, {@code TreeIndex}), which never touches the backend and is rebuilt from the {@code key} bucket
 * on open; read and write transactions ({@link io.revkv.store.mvcc.KvStore}, implemented by
 * {@link io.revkv.store.mvcc.MvccStore}); compaction of the index and, in bounded background batches, of the disk,
 * with the scheduled/finished marks that make it resume after a crash; HashKV and Hash; the consistent index,
 * written in the same batch as the data it produced; the Raft snapshot mark ({@link
 * io.revkv.store.mvcc.SnapshotMarks}).
 *
 * <p>Only the applier writes here. The backend below ({@code backend}) stores bytes; the watch and lease packages
 * above read through {@link io.revkv.store.mvcc.KvStore} and the events of write txns.
 */
package io.revkv.store.mvcc;
