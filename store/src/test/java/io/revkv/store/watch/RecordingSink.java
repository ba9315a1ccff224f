package io.revkv.store.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.revkv.proto.etcdserverpb.WatchResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A client that records what it receives and can stop reading (isReady false), like a stalled gRPC call. */
final class RecordingSink implements WatchSink {
    private static final long TIMEOUT_SECONDS = 20;
    private final LinkedBlockingQueue<WatchResponse> received = new LinkedBlockingQueue<>();
    volatile boolean ready = true;

    @Override
    public boolean isReady() {
        return ready;
    }

    @Override
    public void send(WatchResponse response) {
        received.add(response);
    }

    WatchResponse next() {
        try {
            WatchResponse response = received.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertThat(response).as("a response within %d s", TIMEOUT_SECONDS).isNotNull();
            return response;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    List<WatchResponse> next(int count) {
        List<WatchResponse> responses = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            responses.add(next());
        }
        return responses;
    }

    /** Nothing more arrives within {@code millis}: for "no reply" assertions, after something known to follow. */
    void assertNothingWithin(long millis) throws InterruptedException {
        assertThat(received.poll(millis, TimeUnit.MILLISECONDS)).isNull();
    }

    int pending() {
        return received.size();
    }
}
