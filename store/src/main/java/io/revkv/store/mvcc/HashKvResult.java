package io.revkv.store.mvcc;

/**
 * etcd's HashKV answer (contract §5.2).
 *
 * @param hash            CRC-32C (Castagnoli), as an unsigned 32-bit value
 * @param compactRevision the store's compact revision when hashed (-1 never happens on the wire: etcd reports it as is)
 * @param hashRevision    the revision the hash covers
 * @param currentRevision the store's current revision when hashed
 */
public record HashKvResult(long hash, long compactRevision, long hashRevision, long currentRevision) {
}
