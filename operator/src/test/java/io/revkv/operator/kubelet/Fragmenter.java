package io.revkv.operator.kubelet;

import com.google.protobuf.ByteString;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.revkv.proto.etcdserverpb.CompactionRequest;
import io.revkv.proto.etcdserverpb.DeleteRangeRequest;
import io.revkv.proto.etcdserverpb.KVGrpc;
import io.revkv.proto.etcdserverpb.MaintenanceGrpc;
import io.revkv.proto.etcdserverpb.PutRequest;
import io.revkv.proto.etcdserverpb.StatusRequest;
import io.revkv.proto.etcdserverpb.StatusResponse;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Frees space in a cluster's members the way an application does: bulk values written, deleted, and the history
 * compacted, through one member's client port. Afterwards each member's file still holds the bytes (RocksDB drops
 * them at its next compaction of that range, which a defragmentation forces) and its Status says they are free.
 */
final class Fragmenter implements AutoCloseable {
    private static final String PREFIX = "bulk/";
    private static final long DEADLINE_MS = 30_000;

    private final String endpoint;
    private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();

    /** @param endpoint a member's client address, host:port */
    Fragmenter(String endpoint) {
        this.endpoint = endpoint;
    }

    /**
     * Puts {@code count} values of {@code size} random bytes (incompressible, so the files hold what was written),
     * deletes them all, and compacts at the deletion's revision.
     */
    void writeDeleteCompact(int count, int size, long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < count; i++) {
            byte[] value = new byte[size];
            random.nextBytes(value);
            kv().put(PutRequest.newBuilder().setKey(ByteString.copyFromUtf8(PREFIX + i))
                    .setValue(ByteString.copyFrom(value)).build());
        }
        long revision = kv().deleteRange(DeleteRangeRequest.newBuilder().setKey(ByteString.copyFromUtf8(PREFIX))
                .setRangeEnd(ByteString.copyFromUtf8(PREFIX.substring(0, PREFIX.length() - 1) + "0")).build())
                .getHeader().getRevision();
        kv().compact(CompactionRequest.newBuilder().setRevision(revision).setPhysical(true).build());
    }

    /** A member's Status (dbSize, dbSizeInUse). */
    StatusResponse status(String member) {
        return MaintenanceGrpc.newBlockingStub(channel(member)).withDeadlineAfter(DEADLINE_MS, TimeUnit.MILLISECONDS)
                .status(StatusRequest.getDefaultInstance());
    }

    private KVGrpc.KVBlockingStub kv() {
        return KVGrpc.newBlockingStub(channel(endpoint)).withDeadlineAfter(DEADLINE_MS, TimeUnit.MILLISECONDS);
    }

    private ManagedChannel channel(String address) {
        return channels.computeIfAbsent(address, a -> Grpc.newChannelBuilder(a, InsecureChannelCredentials.create())
                .maxInboundMessageSize(4 << 20).build());
    }

    @Override
    public void close() {
        channels.values().forEach(ManagedChannel::shutdownNow);
    }
}
