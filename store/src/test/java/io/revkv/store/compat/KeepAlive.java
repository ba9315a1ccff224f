package io.revkv.store.compat;

import io.grpc.Channel;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.revkv.proto.etcdserverpb.LeaseGrpc;
import io.revkv.proto.etcdserverpb.LeaseKeepAliveRequest;
import io.revkv.proto.etcdserverpb.LeaseKeepAliveResponse;
import io.revkv.testing.Outcome;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** One keep-alive over etcd's bidi {@code Lease.LeaseKeepAlive} stream, captured as an {@link Outcome}. */
final class KeepAlive {

    private static final long TIMEOUT_SECONDS = 20;

    private KeepAlive() {
    }

    /** Opens a stream, sends one request for lease {@code id}, takes the first answer, closes the stream. */
    static Outcome once(Channel channel, long id) {
        BlockingQueue<Object> answers = new LinkedBlockingQueue<>();
        StreamObserver<LeaseKeepAliveRequest> requests = LeaseGrpc.newStub(channel).leaseKeepAlive(
                new StreamObserver<>() {
                    @Override
                    public void onNext(LeaseKeepAliveResponse response) {
                        answers.add(response);
                    }

                    @Override
                    public void onError(Throwable t) {
                        answers.add(t);
                    }

                    @Override
                    public void onCompleted() {
                        answers.add("completed without an answer");
                    }
                });
        requests.onNext(LeaseKeepAliveRequest.newBuilder().setID(id).build());
        Object answer = take(answers);
        requests.onCompleted();
        if (answer instanceof LeaseKeepAliveResponse response) {
            return Outcome.ok(response);
        } else if (answer instanceof StatusRuntimeException e) {
            return Outcome.of(e);
        }
        throw new IllegalStateException("keep-alive of lease " + id + ": " + answer);
    }

    private static Object take(BlockingQueue<Object> answers) {
        try {
            Object answer = answers.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return answer != null ? answer : "no answer within " + TIMEOUT_SECONDS + " s";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
