package io.revkv.store.lease;

import io.revkv.store.backend.Backend;
import io.revkv.store.backend.Bucket;
import io.revkv.store.backend.ReadSnapshot;
import java.nio.ByteBuffer;

/** The leases persisted in the backend's {@code lease} bucket. */
public final class StoredLeases implements Lessor {

    private final Backend backend;

    public StoredLeases(Backend backend) {
        this.backend = backend;
    }

    @Override
    public boolean exists(long id) {
        try (ReadSnapshot snapshot = backend.snapshot()) {
            return snapshot.get(Bucket.LEASE, key(id)) != null;
        }
    }

    /** etcd's lease bucket key: the ID as 8 bytes, big-endian. */
    static byte[] key(long id) {
        return ByteBuffer.allocate(Long.BYTES).putLong(id).array();
    }
}
