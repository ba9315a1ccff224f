package io.revkv.store.api;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.revkv.store.errors.EtcdError;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Answers a unary call from a result or a future: values go out as one message, errors as etcd's status.
 *
 * <p>The answer is written on the call's Vert.x context, where the connection also handles the client's
 * RST_STREAM, and only if the client has not cancelled the call: an answer written from another thread can race a
 * reset stream, and Netty then tears the whole HTTP/2 connection down (GOAWAY PROTOCOL_ERROR, "Request stream N is
 * not correct for server connection"), failing every other call the client has on it.
 */
final class Replies {

    private Replies() {
    }

    static <T> void complete(StreamObserver<T> observer, Supplier<CompletionStage<T>> call) {
        Context context = Vertx.currentContext();
        CompletionStage<T> stage;
        try {
            stage = call.get();
        } catch (RuntimeException e) {
            deliver(context, observer, null, e);
            return;
        }
        stage.whenComplete((value, error) -> deliver(context, observer, value, error));
    }

    /** Runs {@code work} on {@code executor}, never on the event loop and never blocking a call's thread. */
    static <T> void completeOn(Executor executor, StreamObserver<T> observer, Supplier<T> work) {
        complete(observer, () -> CompletableFuture.supplyAsync(work, executor));
    }

    private static <T> void deliver(Context context, StreamObserver<T> observer, T value, Throwable error) {
        if (context == null || context == Vertx.currentContext()) {
            write(observer, value, error);
        } else {
            context.runOnContext(ignored -> write(observer, value, error));
        }
    }

    private static <T> void write(StreamObserver<T> observer, T value, Throwable error) {
        if (observer instanceof ServerCallStreamObserver<T> server && server.isCancelled()) {
            return;
        }
        if (error != null) {
            observer.onError(EtcdError.toStatus(error));
        } else {
            observer.onNext(value);
            observer.onCompleted();
        }
    }
}
