package io.revkv.store.crash;

import com.google.protobuf.ByteString;
import io.grpc.Channel;
import io.grpc.StatusRuntimeException;
import io.revkv.proto.etcdserverpb.KVGrpc;
import io.revkv.proto.etcdserverpb.PutRequest;
import io.revkv.proto.etcdserverpb.PutResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writers that put keys until the server goes away, remembering every put the server acknowledged: the value and
 * the revision it reported. What is remembered here must be found again after a crash.
 *
 * <p>A value is {@code v<n>:} and padding, {@code n} counting the writer's puts: a key's later puts have larger
 * numbers.
 */
final class AckedWrites {

    private final Map<String, String> values = new ConcurrentHashMap<>();
    private final AtomicLong highestRevision = new AtomicLong();
    private final Thread[] writers;
    private final String padding;

    AckedWrites(Channel channel, int writerCount) {
        this(channel, writerCount, 0);
    }

    /** {@code padding} bytes in every value, to fill the Raft log faster. */
    AckedWrites(Channel channel, int writerCount, int padding) {
        this.padding = "p".repeat(padding);
        writers = new Thread[writerCount];
        for (int w = 0; w < writerCount; w++) {
            int id = w;
            writers[w] = new Thread(() -> write(channel, id), "acked-writer-" + w);
        }
    }

    AckedWrites start() {
        for (Thread t : writers) {
            t.start();
        }
        return this;
    }

    private void write(Channel channel, int writer) {
        KVGrpc.KVBlockingStub kv = KVGrpc.newBlockingStub(channel);
        for (int i = 0; !Thread.currentThread().isInterrupted(); i++) {
            // Each writer overwrites a small set of its own keys, so that later acks must win over earlier ones.
            String key = "crash/w" + writer + "/k" + (i % 50);
            String value = "v" + i + ":" + padding;
            try {
                PutResponse r = kv.withDeadlineAfter(5, TimeUnit.SECONDS).put(PutRequest.newBuilder()
                        .setKey(ByteString.copyFromUtf8(key)).setValue(ByteString.copyFromUtf8(value)).build());
                values.put(key, value);
                highestRevision.accumulateAndGet(r.getHeader().getRevision(), Math::max);
            } catch (StatusRuntimeException e) {
                return;
            }
        }
    }

    int count() {
        return values.size();
    }

    void awaitWriters() throws InterruptedException {
        for (Thread t : writers) {
            t.join(TimeUnit.SECONDS.toMillis(30));
        }
    }

    Map<String, String> values() {
        return values;
    }

    /**
     * The acknowledged keys that {@code found} (key → value, read back after a crash) lacks or holds an older value
     * of. A newer value than the acknowledged one is fine: the put in flight at the crash may have landed.
     */
    List<String> lostIn(Map<String, String> found) {
        return values.entrySet().stream()
                .filter(acked -> !found.containsKey(acked.getKey())
                        || number(found.get(acked.getKey())) < number(acked.getValue()))
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    private static long number(String value) {
        return Long.parseLong(value.substring(1, value.indexOf(':')));
    }

    long highestRevision() {
        return highestRevision.get();
    }
}
