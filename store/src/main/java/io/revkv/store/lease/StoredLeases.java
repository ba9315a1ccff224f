package io.revkv.store.lease;

import com.google.protobuf.InvalidProtocolBufferException;
import io.revkv.proto.leasepb.Lease;
import io.revkv.store.backend.Backend;
import io.revkv.store.backend.Bucket;
import io.revkv.store.backend.ReadSnapshot;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The leases persisted in the backend's {@code lease} bucket, in etcd's layout (contract §1.4): key = the lease ID
 * as 8 bytes big-endian, value = {@code leasepb.Lease{ID, TTL, RemainingTTL}}. The applier writes records through
 * the entry's write txn, so a lease change commits atomically with the consistent index.
 */
public final class StoredLeases {

    private StoredLeases() {
    }

    /** Every stored lease, in key order. */
    public static List<Lease> load(Backend backend) {
        List<Lease> leases = new ArrayList<>();
        try (ReadSnapshot snapshot = backend.snapshot()) {
            snapshot.forEach(Bucket.LEASE, null, null, entry -> leases.add(parse(entry.key(), entry.value())));
        }
        return leases;
    }

    /** etcd's lease bucket key: the ID as 8 bytes, big-endian. */
    public static byte[] key(long id) {
        return ByteBuffer.allocate(Long.BYTES).putLong(id).array();
    }

    /** etcd's lease bucket value; remainingTtl is 0 unless a checkpoint recorded one. */
    public static byte[] value(long id, long ttl, long remainingTtl) {
        return Lease.newBuilder().setID(id).setTTL(ttl).setRemainingTTL(remainingTtl).build().toByteArray();
    }

    private static Lease parse(byte[] key, byte[] value) {
        try {
            return Lease.parseFrom(value);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("corrupt lease record " + ByteBuffer.wrap(key).getLong(), e);
        }
    }
}
