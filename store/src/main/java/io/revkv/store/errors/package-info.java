/**
 * Every failure a client of revkv can meet, each with etcd's gRPC code and exact message: the one table
 * ({@link io.revkv.store.errors.EtcdError}) and the one exception type that carries an entry of it
 * ({@link io.revkv.store.errors.EtcdException}).
 *
 * <p>Every layer throws from here (mvcc a compacted revision, the lessor a missing lease, raft a timeout, the
 * applier a refused membership change), so this package sits below all of them and depends on nothing of the
 * store. An error raised while applying a replicated request travels in the Raft reply by its entry's name and is
 * thrown again, as the same entry, on the member that proposed it; the gRPC services turn it into a status.
 */
package io.revkv.store.errors;
