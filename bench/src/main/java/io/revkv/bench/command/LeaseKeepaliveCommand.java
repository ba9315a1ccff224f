package io.revkv.bench.command;

import io.grpc.stub.StreamObserver;
import io.revkv.bench.load.Connections;
import io.revkv.bench.load.Operation;
import io.revkv.proto.etcdserverpb.LeaseGrantRequest;
import io.revkv.proto.etcdserverpb.LeaseGrpc;
import io.revkv.proto.etcdserverpb.LeaseKeepAliveRequest;
import io.revkv.proto.etcdserverpb.LeaseKeepAliveResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Option;

/**
 * {@code lease-keepalive}: each client grants one lease, opens one LeaseKeepAlive stream, and measures the round
 * trip of a keep-alive request to its response (etcd's {@code benchmark lease-keepalive}).
 */
@picocli.CommandLine.Command(name = "lease-keepalive", mixinStandardHelpOptions = true,
        description = "Benchmark lease keep-alive round trips.")
public final class LeaseKeepaliveCommand extends LoadCommand {

    @Option(names = "--ttl", defaultValue = "60",
            description = "TTL of the leases in seconds (default: ${DEFAULT-VALUE})")
    long ttl;

    private final List<KeepAlive> streams = new ArrayList<>();

    @Override
    void prepare(Connections connections) {
        for (int c = 0; c < options.clients; c++) {
            long id = LeaseGrpc.newBlockingStub(connections.forClient(c))
                    .leaseGrant(LeaseGrantRequest.newBuilder().setTTL(ttl).build()).getID();
            streams.add(new KeepAlive(id, connections, c));
        }
    }

    @Override
    Operation operation(Connections connections) {
        return (client, seq) -> streams.get(client).roundTrip();
    }

    @Override
    void describe(Map<String, Object> out) {
        out.put("ttl", ttl);
    }

    /** One client's keep-alive stream: send, then wait for the answer. */
    private static final class KeepAlive implements StreamObserver<LeaseKeepAliveResponse> {
        private final BlockingQueue<Object> answers = new LinkedBlockingQueue<>();
        private final LeaseKeepAliveRequest request;
        private final StreamObserver<LeaseKeepAliveRequest> requests;

        KeepAlive(long id, Connections connections, int client) {
            this.request = LeaseKeepAliveRequest.newBuilder().setID(id).build();
            this.requests = LeaseGrpc.newStub(connections.forClient(client)).leaseKeepAlive(this);
        }

        void roundTrip() throws Exception {
            requests.onNext(request);
            Object answer = answers.poll(10, TimeUnit.SECONDS);
            if (!(answer instanceof LeaseKeepAliveResponse response)) {
                throw new IllegalStateException("keep-alive failed: " + (answer == null ? "no answer in 10 s"
                        : answer));
            }
            if (response.getTTL() <= 0) {
                throw new IllegalStateException("lease " + request.getID() + " expired");
            }
        }

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
            answers.add("stream completed");
        }
    }
}
