package io.revkv.bench.load;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code conns} plaintext gRPC connections spread round-robin over the endpoints; client {@code i} uses connection
 * {@code i % conns}, as etcd's benchmark shares its connections among its clients.
 */
public final class Connections implements AutoCloseable {
    private static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
    private final List<ManagedChannel> channels = new ArrayList<>();

    public Connections(List<String> endpoints, int conns) {
        for (int i = 0; i < conns; i++) {
            HostPort target = HostPort.parse(endpoints.get(i % endpoints.size()));
            channels.add(NettyChannelBuilder.forAddress(target.host(), target.port())
                    .usePlaintext()
                    .maxInboundMessageSize(MAX_MESSAGE_BYTES)
                    .build());
        }
    }

    public ManagedChannel forClient(int client) {
        return channels.get(client % channels.size());
    }

    public int size() {
        return channels.size();
    }

    @Override
    public void close() throws InterruptedException {
        channels.forEach(ManagedChannel::shutdownNow);
        for (ManagedChannel c : channels) {
            c.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** An endpoint as etcdctl takes it: {@code host:port} or {@code http://host:port}. */
    public record HostPort(String host, int port) {
        public static HostPort parse(String endpoint) {
            String withScheme = endpoint.contains("://") ? endpoint : "http://" + endpoint;
            URI uri = URI.create(withScheme);
            if (uri.getHost() == null || uri.getPort() < 0) {
                throw new IllegalArgumentException("endpoint '" + endpoint + "' is not host:port");
            }
            return new HostPort(uri.getHost(), uri.getPort());
        }
    }
}
