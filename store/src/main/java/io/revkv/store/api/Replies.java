package io.revkv.store.api;

import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/** Answers a unary call from a result or a future: values go out as one message, errors as etcd's status. */
final class Replies {

    private Replies() {
    }

    static <T> void complete(StreamObserver<T> observer, Supplier<CompletionStage<T>> call) {
        CompletionStage<T> stage;
        try {
            stage = call.get();
        } catch (RuntimeException e) {
            observer.onError(EtcdError.toStatus(e));
            return;
        }
        stage.whenComplete((value, error) -> {
            if (error != null) {
                observer.onError(EtcdError.toStatus(error));
            } else {
                observer.onNext(value);
                observer.onCompleted();
            }
        });
    }
}
