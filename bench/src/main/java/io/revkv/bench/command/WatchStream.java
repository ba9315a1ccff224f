package io.revkv.bench.command;

import com.google.protobuf.ByteString;
import io.grpc.Channel;
import io.grpc.stub.StreamObserver;
import io.revkv.bench.report.Stats;
import io.revkv.proto.etcdserverpb.WatchCreateRequest;
import io.revkv.proto.etcdserverpb.WatchGrpc;
import io.revkv.proto.etcdserverpb.WatchRequest;
import io.revkv.proto.etcdserverpb.WatchResponse;
import io.revkv.proto.mvccpb.Event;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * One Watch stream with some watchers on a key prefix. Each event's value starts with its put's send time
 * ({@link System#nanoTime()}, same JVM), which gives the put-to-event latency.
 */
final class WatchStream implements StreamObserver<WatchResponse> {
    private final Histogram latencies = new ConcurrentHistogram(3);
    private final AtomicLong events = new AtomicLong();
    private final CountDownLatch created;
    private StreamObserver<WatchRequest> requests;
    private volatile Throwable failure;
    private volatile long since = Long.MIN_VALUE;

    private WatchStream(int watchers) {
        this.created = new CountDownLatch(watchers);
    }

    static WatchStream open(Channel channel, ByteString prefix, int watchers) {
        WatchStream stream = new WatchStream(watchers);
        stream.requests = WatchGrpc.newStub(channel).watch(stream);
        WatchCreateRequest create = WatchCreateRequest.newBuilder().setKey(prefix).setRangeEnd(prefixEnd(prefix))
                .build();
        for (int i = 0; i < watchers; i++) {
            stream.requests.onNext(WatchRequest.newBuilder().setCreateRequest(create).build());
        }
        return stream;
    }

    /** The range end that makes {@code [prefix, end)} exactly the keys with that prefix (prefix has no 0xff). */
    static ByteString prefixEnd(ByteString prefix) {
        byte[] end = prefix.toByteArray();
        end[end.length - 1]++;
        return ByteString.copyFrom(end);
    }

    void awaitCreated(long timeout, TimeUnit unit) throws InterruptedException {
        if (!created.await(timeout, unit)) {
            throw new IllegalStateException("watchers not created within " + timeout + " " + unit);
        }
        if (failure != null) {
            throw new IllegalStateException("watch stream failed: " + failure, failure);
        }
    }

    @Override
    public void onNext(WatchResponse response) {
        if (response.getCreated()) {
            created.countDown();
        }
        long now = System.nanoTime();
        for (Event event : response.getEventsList()) {
            long sent = event.getKv().getValue().asReadOnlyByteBuffer().getLong(0);
            if (sent >= since) {
                latencies.recordValue(Math.max(0, now - sent));
                events.incrementAndGet();
            }
        }
    }

    @Override
    public void onError(Throwable t) {
        failure = t;
        while (created.getCount() > 0) {
            created.countDown();
        }
    }

    @Override
    public void onCompleted() {
    }

    /** Counts only the events of puts sent from now on (not those of a warm-up). */
    void countFromNow() {
        since = System.nanoTime();
    }

    long events() {
        return events.get();
    }

    void close() {
        requests.onCompleted();
    }

    /** The put-to-event latencies of all streams, as one section over {@code seconds}. */
    static Stats merged(List<WatchStream> streams, double seconds) {
        Histogram all = new Histogram(3);
        streams.forEach(s -> all.add(s.latencies));
        return Stats.of(all, 0, seconds);
    }
}
