package io.revkv.store.corrupt;

import io.revkv.store.mvcc.HashKvResult;

/**
 * One member's HashKV, as the corruption check compares it (etcd's {@code HashByRev} result).
 *
 * @param hash            CRC-32C of the key-value history up to the hashed revision, unsigned 32-bit
 * @param revision        the member's current revision when hashed (the response header's revision)
 * @param compactRevision the member's compact revision when hashed
 */
public record KvHash(long hash, long revision, long compactRevision) {

    static KvHash of(HashKvResult result) {
        return new KvHash(result.hash(), result.currentRevision(), result.compactRevision());
    }
}
