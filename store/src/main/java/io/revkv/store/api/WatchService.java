package io.revkv.store.api;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.revkv.proto.etcdserverpb.WatchGrpc;
import io.revkv.proto.etcdserverpb.WatchRequest;
import io.revkv.proto.etcdserverpb.WatchResponse;
import io.revkv.store.errors.EtcdError;
import io.revkv.store.watch.WatchSink;
import io.revkv.store.watch.WatchStream;
import io.revkv.store.watch.WatchableStore;

/**
 * etcd's Watch service: one {@link WatchStream} per call. Watches are not replicated: each member serves them
 * from its own store as its applier commits. Responses go out only while the call is ready (gRPC flow control), so a
 * client that does not read fills its stream's bounded outbox and its watchers fall back to catching up from disk.
 */
@GrpcService
public class WatchService extends WatchGrpc.WatchImplBase {

    private final WatchableStore store;
    private final ResponseHeaders headers;

    public WatchService(WatchableStore store, ResponseHeaders headers) {
        this.store = store;
        this.headers = headers;
    }

    @Override
    public StreamObserver<WatchRequest> watch(StreamObserver<WatchResponse> responses) {
        ServerCallStreamObserver<WatchResponse> call = (ServerCallStreamObserver<WatchResponse>) responses;
        WatchStream stream = store.openStream(new CallSink(call, headers));
        call.setOnReadyHandler(stream::onReady);
        call.setOnCancelHandler(stream::close);
        return new Requests(stream, call);
    }

    /** The call's side of a stream: stamps the member fields into each header. */
    private record CallSink(ServerCallStreamObserver<WatchResponse> call, ResponseHeaders headers) implements WatchSink {
        @Override
        public boolean isReady() {
            return call.isReady() && !call.isCancelled();
        }

        @Override
        public void send(WatchResponse response) {
            call.onNext(response.toBuilder().setHeader(headers.stampMember(response.getHeader())).build());
        }
    }

    /** What the client sends. A client that half-closes keeps receiving, as with etcd, until it cancels. */
    private record Requests(WatchStream stream, ServerCallStreamObserver<WatchResponse> call)
            implements StreamObserver<WatchRequest> {
        @Override
        public void onNext(WatchRequest request) {
            switch (request.getRequestUnionCase()) {
                case CREATE_REQUEST -> stream.create(request.getCreateRequest());
                case CANCEL_REQUEST -> stream.cancel(request.getCancelRequest().getWatchId());
                case PROGRESS_REQUEST -> stream.requestProgress();
                case REQUESTUNION_NOT_SET -> { }
            }
        }

        /** The client went away: etcd ends the stream with Canceled "etcdserver: watch canceled". */
        @Override
        public void onError(Throwable t) {
            stream.close();
            if (!call.isCancelled()) {
                call.onError(EtcdError.WATCH_CANCELED.statusException());
            }
        }

        @Override
        public void onCompleted() {
            // etcd's recvLoop returns on EOF without ending the stream: events keep flowing until the client cancels.
        }
    }
}
