package io.revkv.store.cluster;

import com.google.protobuf.ByteString;
import io.grpc.StatusRuntimeException;
import io.revkv.proto.etcdserverpb.HashKVRequest;
import io.revkv.proto.etcdserverpb.KVGrpc;
import io.revkv.proto.etcdserverpb.MaintenanceGrpc;
import io.revkv.proto.etcdserverpb.PutRequest;
import io.revkv.proto.etcdserverpb.RangeRequest;
import io.revkv.proto.etcdserverpb.RangeResponse;
import io.revkv.testing.ServerProcess;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A client that writes distinct keys continuously, each to the next running member in turn, and remembers which
 * writes were acknowledged; then checks that every member holds every one of them and that the members' HashKV agree
 * at the same revision.
 */
final class AckedWriter implements AutoCloseable {

    private final Supplier<List<? extends ServerProcess>> members;
    private final Set<String> acked = new ConcurrentSkipListSet<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger failures = new AtomicInteger();
    private final Thread thread;

    AckedWriter(Supplier<List<? extends ServerProcess>> members) {
        this.members = members;
        this.thread = new Thread(this::run, "acked-writer");
        thread.start();
    }

    private void run() {
        int n = 0;
        while (running.get()) {
            List<? extends ServerProcess> alive = members.get().stream().filter(ServerProcess::isAlive).toList();
            if (alive.isEmpty()) {
                continue;
            }
            String key = String.format("w/%06d", n);
            ServerProcess target = alive.get(n++ % alive.size());
            try {
                KVGrpc.newBlockingStub(target.channel()).withDeadlineAfter(3, TimeUnit.SECONDS)
                        .put(PutRequest.newBuilder().setKey(bytes(key)).setValue(bytes(key)).build());
                acked.add(key);
            } catch (StatusRuntimeException e) {
                failures.incrementAndGet();
            }
        }
    }

    int acknowledged() {
        return acked.size();
    }

    /** Stops writing and returns the acknowledged keys. */
    Set<String> stop() {
        running.set(false);
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new TreeSet<>(acked);
    }

    /** The keys under {@code w/} that {@code member} holds (a serializable read: what it applied itself). */
    static Set<String> keysOn(ServerProcess member) {
        RangeResponse range = KVGrpc.newBlockingStub(member.channel()).withDeadlineAfter(10, TimeUnit.SECONDS)
                .range(RangeRequest.newBuilder().setKey(bytes("w/")).setRangeEnd(bytes("w0")).setKeysOnly(true)
                        .setSerializable(true).build());
        Set<String> keys = new TreeSet<>();
        range.getKvsList().forEach(kv -> keys.add(kv.getKey().toString(StandardCharsets.UTF_8)));
        return keys;
    }

    /** The current revision a member has applied (a serializable read). */
    static long revision(ServerProcess member) {
        return KVGrpc.newBlockingStub(member.channel()).withDeadlineAfter(5, TimeUnit.SECONDS)
                .range(RangeRequest.newBuilder().setKey(bytes("w/")).setSerializable(true).setCountOnly(true).build())
                .getHeader().getRevision();
    }

    /** HashKV at {@code revision}. */
    static long hashKv(ServerProcess member, long revision) {
        return Integer.toUnsignedLong(MaintenanceGrpc.newBlockingStub(member.channel())
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .hashKV(HashKVRequest.newBuilder().setRevision(revision).build()).getHash());
    }

    private static ByteString bytes(String text) {
        return ByteString.copyFromUtf8(text);
    }

    @Override
    public void close() {
        stop();
    }
}
