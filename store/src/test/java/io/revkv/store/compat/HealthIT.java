package io.revkv.store.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import grpc.health.v1.HealthGrpc;
import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse.ServingStatus;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.revkv.testing.FreePorts;
import io.revkv.testing.RevkvProcess;
import io.revkv.testing.ServerProcess;
import io.revkv.testing.ServerProcesses;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The standard gRPC health service, asked with grpc-java's Health client, as a load balancer or kubelet would. */
class HealthIT {

    private static final HealthCheckRequest SERVER = HealthCheckRequest.newBuilder().setService("").build();

    @RegisterExtension
    final ServerProcesses servers = new ServerProcesses();

    @Test
    void aSingleMemberIsServingAsEtcdIs() {
        for (ServerProcess server : new ServerProcess[] {servers.etcd("etcd"), servers.revkv("revkv")}) {
            HealthGrpc.HealthBlockingStub health = stub(server);

            assertThat(health.check(SERVER).getStatus()).as(server.name()).isEqualTo(ServingStatus.SERVING);
            assertThat(health.watch(SERVER).next().getStatus()).as(server.name()).isEqualTo(ServingStatus.SERVING);
            StatusRuntimeException unknown = catchThrowableOfType(
                    () -> health.check(HealthCheckRequest.newBuilder().setService("etcdserverpb.KV").build()),
                    StatusRuntimeException.class);
            assertThat(unknown.getStatus().getCode()).as(server.name()).isEqualTo(Status.Code.NOT_FOUND);
            assertThat(unknown.getStatus().getDescription()).as(server.name()).isEqualTo("unknown service");
        }
    }

    /**
     * A member of a two-member cluster whose other member never starts has no quorum and so no leader. (etcd 3.4
     * does not open its client port before it has a leader, and never changes its health status once set.)
     */
    @Test
    void aMemberWithoutALeaderIsNotServing() throws InterruptedException {
        RevkvProcess revkv = new RevkvProcess("lonely", servers.baseDir());
        revkv.useInitialCluster("lonely=" + revkv.peerUrl() + ",ghost=http://127.0.0.1:" + FreePorts.take(1)[0]);
        revkv.start();
        servers.track(revkv);

        assertThat(awaitAnswer(revkv, Duration.ofSeconds(30)).getStatus()).isEqualTo(ServingStatus.NOT_SERVING);
        assertThat(stub(revkv).watch(SERVER).next().getStatus()).isEqualTo(ServingStatus.NOT_SERVING);
    }

    private static HealthGrpc.HealthBlockingStub stub(ServerProcess server) {
        return HealthGrpc.newBlockingStub(server.channel()).withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    /** Checks until the server's port answers (it is not up at once): what it answers first. */
    private static HealthCheckResponse awaitAnswer(ServerProcess server, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            server.channel().resetConnectBackoff();
            try {
                return stub(server).check(SERVER);
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() != Status.Code.UNAVAILABLE || System.nanoTime() > deadline) {
                    throw e;
                }
            }
            Thread.sleep(100);
        }
    }
}
