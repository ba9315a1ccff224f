package io.revkv.store.mvcc;

import io.revkv.store.backend.Bucket;
import io.revkv.store.backend.ReadSnapshot;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.zip.CRC32C;

/**
 * The store's answer to etcd's Hash RPC: CRC-32C over every bucket in name order, each as its name then every key
 * followed by its value, leaving out the consistent index and the snapshot mark (they differ between members with
 * the same data, as etcd's consistent index and term do).
 * Like etcd's, the value depends on the storage engine: compare it only between revkv members.
 */
final class BackendHash {
    private BackendHash() {
    }

    static long compute(ReadSnapshot snapshot) {
        CRC32C crc = new CRC32C();
        Bucket[] buckets = Bucket.values();
        Arrays.sort(buckets, Comparator.comparing(Bucket::bucketName));
        for (Bucket bucket : buckets) {
            crc.update(bucket.bucketName().getBytes(StandardCharsets.UTF_8));
            snapshot.forEach(bucket, null, null, entry -> {
                if (!memberLocal(bucket, entry.key())) {
                    crc.update(entry.key());
                    crc.update(entry.value());
                }
            });
        }
        return crc.getValue();
    }

    private static boolean memberLocal(Bucket bucket, byte[] key) {
        return bucket == Bucket.META
                && (Arrays.equals(key, MetaKeys.CONSISTENT_INDEX) || Arrays.equals(key, MetaKeys.SNAPSHOT));
    }
}
