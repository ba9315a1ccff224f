package io.revkv.store.compat;

import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import io.revkv.proto.etcdserverpb.ResponseHeader;
import io.revkv.proto.etcdserverpb.WatchCancelRequest;
import io.revkv.proto.etcdserverpb.WatchCreateRequest;
import io.revkv.proto.etcdserverpb.WatchGrpc;
import io.revkv.proto.etcdserverpb.WatchProgressRequest;
import io.revkv.proto.etcdserverpb.WatchRequest;
import io.revkv.proto.etcdserverpb.WatchResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** One Watch stream to a server, recording every response; closing it cancels the call, as a client going away. */
final class WatchClient implements AutoCloseable {
    private final LinkedBlockingQueue<WatchResponse> received = new LinkedBlockingQueue<>();
    private final Context.CancellableContext context = Context.current().withCancellation();
    private final StreamObserver<WatchRequest> requests;

    WatchClient(ManagedChannel channel) {
        Context previous = context.attach();
        try {
            requests = WatchGrpc.newStub(channel).watch(recorder());
        } finally {
            context.detach(previous);
        }
    }

    private StreamObserver<WatchResponse> recorder() {
        return new StreamObserver<>() {
            @Override
            public void onNext(WatchResponse response) {
                received.add(response);
            }

            @Override
            public void onError(Throwable t) {
                // The stream ended (the test cancelled it, or the server went away): nothing more will arrive.
            }

            @Override
            public void onCompleted() {
            }
        };
    }

    WatchClient create(WatchCreateRequest request) {
        requests.onNext(WatchRequest.newBuilder().setCreateRequest(request).build());
        return this;
    }

    void cancel(long watchId) {
        requests.onNext(WatchRequest.newBuilder()
                .setCancelRequest(WatchCancelRequest.newBuilder().setWatchId(watchId)).build());
    }

    void requestProgress() {
        requests.onNext(WatchRequest.newBuilder().setProgressRequest(WatchProgressRequest.getDefaultInstance()).build());
    }

    /** The next response, or null after {@code timeout}. */
    WatchResponse poll(Duration timeout) {
        try {
            return received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Everything received until nothing more came for {@code quiet}. */
    List<WatchResponse> drainUntilQuiet(Duration quiet) {
        List<WatchResponse> responses = new ArrayList<>();
        for (WatchResponse r = poll(quiet); r != null; r = poll(quiet)) {
            responses.add(r);
        }
        return responses;
    }

    /** Everything received within {@code window}: for streams that never go quiet (progress notifications). */
    List<WatchResponse> collectFor(Duration window) {
        List<WatchResponse> responses = new ArrayList<>();
        long deadline = System.nanoTime() + window.toNanos();
        for (long left = window.toNanos(); left > 0; left = deadline - System.nanoTime()) {
            WatchResponse r = poll(Duration.ofNanos(left));
            if (r != null) {
                responses.add(r);
            }
        }
        return responses;
    }

    /** Without the member-specific header fields, for comparing two servers. */
    static WatchResponse normalized(WatchResponse response) {
        ResponseHeader header = response.getHeader().toBuilder().clearClusterId().clearMemberId().clearRaftTerm()
                .build();
        return response.toBuilder().setHeader(header).build();
    }

    @Override
    public void close() {
        context.cancel(null);
    }
}
