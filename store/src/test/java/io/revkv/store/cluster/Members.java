package io.revkv.store.cluster;

import io.grpc.StatusRuntimeException;
import io.revkv.proto.etcdserverpb.ClusterGrpc;
import io.revkv.proto.etcdserverpb.MaintenanceGrpc;
import io.revkv.proto.etcdserverpb.Member;
import io.revkv.proto.etcdserverpb.MemberListRequest;
import io.revkv.proto.etcdserverpb.StatusRequest;
import io.revkv.proto.etcdserverpb.StatusResponse;
import io.revkv.testing.ServerProcess;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Small helpers over the Cluster and Maintenance APIs of a running cluster of server processes. */
final class Members {

    private Members() {
    }

    /** Starts every server at once (a member waits for a quorum) and waits until each serves. */
    static void startAll(List<? extends ServerProcess> servers) {
        String cluster = String.join(",", servers.stream().map(s -> s.name() + "=" + s.peerUrl()).toList());
        servers.forEach(s -> s.useInitialCluster(cluster));
        servers.forEach(ServerProcess::start);
        servers.forEach(s -> s.awaitReady(Duration.ofSeconds(60)));
    }

    static Optional<StatusResponse> status(ServerProcess server) {
        try {
            return Optional.of(MaintenanceGrpc.newBlockingStub(server.channel()).withDeadlineAfter(2, TimeUnit.SECONDS)
                    .status(StatusRequest.getDefaultInstance()));
        } catch (StatusRuntimeException e) {
            return Optional.empty();
        }
    }

    /** The member ID a server reports for itself. */
    static long id(ServerProcess server) {
        return status(server).orElseThrow().getHeader().getMemberId();
    }

    /** The server that is the leader, once one of them says it leads (waits up to 30 s). */
    static ServerProcess leader(List<? extends ServerProcess> servers) {
        return await("a leader among " + servers, () -> servers.stream().filter(ServerProcess::isAlive)
                .filter(s -> status(s).map(st -> st.getLeader() != 0 && st.getLeader()
                        == st.getHeader().getMemberId()).orElse(false)).findFirst().map(ServerProcess.class::cast));
    }

    static List<Member> list(ServerProcess server) {
        return ClusterGrpc.newBlockingStub(server.channel()).withDeadlineAfter(5, TimeUnit.SECONDS)
                .memberList(MemberListRequest.getDefaultInstance()).getMembersList();
    }

    /** What a user reads of a membership, IDs aside: each member's name, peer and client URL counts, learner flag. */
    static String describe(List<Member> members) {
        return members.stream().map(m -> "'" + m.getName() + "' peers=" + m.getPeerURLsCount() + " clients="
                + m.getClientURLsCount() + (m.getIsLearner() ? " learner" : "")).sorted().toList().toString();
    }

    /** Polls {@code probe} every 200 ms until it answers, for at most 30 s. */
    static <T> T await(String what, Supplier<Optional<T>> probe) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("no " + what + " within 30 s");
    }
}
