package io.revkv.store.mvcc;

import io.revkv.store.backend.Bucket;
import io.revkv.store.backend.ReadSnapshot;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.zip.CRC32C;

/**
 * etcd's HashKV (its {@code kvHasher}, contract §5.2, 3.5.16+ behaviour), bit for bit, so that a revkv member and an
 * etcd member with the same history report the same hash. At revision R with compact revision C and
 * {@code keep = index.keep(R)}:
 * <ol>
 *   <li>CRC-32C starts with the bucket name {@code "key"};</li>
 *   <li>for each record of the {@code key} bucket in order, up to main R: skip it if its main {@code <= C}, keep is
 *       not empty and it is not in keep (it is garbage a compaction has not deleted yet); skip a tombstone whose
 *       main is C (3.4 and 3.5.15- deleted those, newer versions keep them, the hash must not tell);</li>
 *   <li>otherwise feed the record key (17 or 18 bytes) and the stored value.</li>
 * </ol>
 */
final class HashKv {
    private static final byte[] BUCKET_NAME = Bucket.KEY.bucketName().getBytes(StandardCharsets.UTF_8);

    private HashKv() {
    }

    /** The unsigned 32-bit hash of {@code snapshot}'s key bucket at {@code revision}. */
    static long compute(ReadSnapshot snapshot, long compactRev, long revision, Set<Revision> keep) {
        CRC32C crc = new CRC32C();
        crc.update(BUCKET_NAME);
        // A negative revision (etcd does not reject it) hashes no record: every record's main is above it.
        byte[] end = Revision.mainPrefix(Math.max(0, revision + 1));
        snapshot.forEach(Bucket.KEY, null, end, entry -> {
            if (included(entry.key(), compactRev, keep)) {
                crc.update(entry.key());
                crc.update(entry.value());
            }
        });
        return crc.getValue();
    }

    private static boolean included(byte[] recordKey, long compactRev, Set<Revision> keep) {
        Revision revision = Revision.fromKey(recordKey);
        if (revision.main() <= compactRev && !keep.isEmpty() && !keep.contains(revision)) {
            return false;
        }
        return !(revision.main() == compactRev && Revision.isTombstoneKey(recordKey));
    }
}
