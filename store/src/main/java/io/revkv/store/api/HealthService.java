package io.revkv.store.api;

import grpc.health.v1.HealthGrpc;
import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse.ServingStatus;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.revkv.store.raft.RaftMember;
import jakarta.annotation.PreDestroy;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The standard gRPC health service ({@code grpc.health.v1.Health}) for the whole server, service name {@code ""}
 * as etcd registers it: SERVING while this member knows a Raft leader, NOT_SERVING while it does not (it could
 * answer no linearizable request then). Any other service name is unknown: NOT_FOUND for Check, SERVICE_UNKNOWN for
 * Watch, as grpc-go's health server (etcd's) answers.
 *
 * <p>It replaces Quarkus' own health endpoint ({@code quarkus.grpc.server.grpc-health.enabled=false}), which only
 * reports that the gRPC server started. Watch streams are re-evaluated every {@link #WATCH_TICK_MS} ms because Ratis
 * announces a newly elected leader but not the loss of one.
 */
@GrpcService
public class HealthService extends HealthGrpc.HealthImplBase {

    static final String SERVER = "";
    /** health.proto's SERVICE_UNKNOWN, newer than the copy of the proto that Quarkus compiled. */
    private static final int SERVICE_UNKNOWN = 3;
    private static final long WATCH_TICK_MS = 200;

    private final RaftMember raft;
    private final Set<Watcher> watchers = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "revkv-health-watch");
        t.setDaemon(true);
        return t;
    });

    public HealthService(RaftMember raft) {
        this.raft = raft;
        ticker.scheduleWithFixedDelay(this::notifyWatchers, WATCH_TICK_MS, WATCH_TICK_MS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void check(HealthCheckRequest request, StreamObserver<HealthCheckResponse> observer) {
        if (!request.getService().equals(SERVER)) {
            observer.onError(Status.NOT_FOUND.withDescription("unknown service").asRuntimeException());
            return;
        }
        observer.onNext(response(serverStatus()));
        observer.onCompleted();
    }

    @Override
    public void watch(HealthCheckRequest request, StreamObserver<HealthCheckResponse> observer) {
        if (!request.getService().equals(SERVER)) {
            observer.onNext(HealthCheckResponse.newBuilder().setStatusValue(SERVICE_UNKNOWN).build());
            return;
        }
        Watcher watcher = new Watcher(observer);
        watchers.add(watcher);
        ((ServerCallStreamObserver<HealthCheckResponse>) observer).setOnCancelHandler(() -> watchers.remove(watcher));
        watcher.send(serverStatus());
    }

    private ServingStatus serverStatus() {
        return raft.status().leaderId() != 0 ? ServingStatus.SERVING : ServingStatus.NOT_SERVING;
    }

    private void notifyWatchers() {
        if (!watchers.isEmpty()) {
            ServingStatus now = serverStatus();
            for (Watcher w : watchers) {
                try {
                    w.send(now);
                } catch (RuntimeException e) {
                    // The stream broke under us; the others must still hear of the change.
                    watchers.remove(w);
                }
            }
        }
    }

    private static HealthCheckResponse response(ServingStatus status) {
        return HealthCheckResponse.newBuilder().setStatus(status).build();
    }

    @PreDestroy
    void close() {
        ticker.shutdownNow();
        watchers.forEach(Watcher::complete);
    }

    /** One Watch stream; sends a status only when it differs from the last one sent, as the protocol asks. */
    private static final class Watcher {
        private final StreamObserver<HealthCheckResponse> observer;
        private ServingStatus lastSent;

        Watcher(StreamObserver<HealthCheckResponse> observer) {
            this.observer = observer;
        }

        synchronized void send(ServingStatus status) {
            if (status != lastSent) {
                lastSent = status;
                observer.onNext(response(status));
            }
        }

        synchronized void complete() {
            observer.onCompleted();
        }
    }
}
