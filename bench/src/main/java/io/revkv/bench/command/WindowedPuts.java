package io.revkv.bench.command;

import com.google.protobuf.ByteString;
import io.revkv.bench.load.Connections;
import io.revkv.bench.load.Keys;
import io.revkv.bench.load.LoadRunner;
import io.revkv.bench.load.Plan;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * One window of puts from this JVM: the {@code put} subcommand's request, driven by the bench's {@link LoadRunner}
 * for a fixed count, on connections opened for the window (gRPC connects on the first request, so connecting is in
 * the window, as it is in a run of etcd's {@code benchmark}).
 */
final class WindowedPuts implements WindowLoad {
    private final Shape shape;
    private final Keys keys;
    private final ByteString value;

    WindowedPuts(Shape shape) {
        this.shape = shape;
        this.keys = new Keys(shape.keySize(), shape.keySpaceSize(), false);
        byte[] bytes = new byte[shape.valSize()];
        Arrays.fill(bytes, (byte) 'v');
        this.value = ByteString.copyFrom(bytes);
    }

    @Override
    public Rate run(List<String> endpoints) throws InterruptedException {
        try (Connections connections = new Connections(endpoints, shape.conns())) {
            // Latencies are not reported: the window's figure is its rate, like etcd's Requests/sec.
            LoadRunner runner = new LoadRunner(Plan.forTotal(shape.clients(), shape.puts()),
                    PutCommand.puts(connections, keys, value), (due, latency, ok) -> { });
            Duration wall = runner.run();
            long succeeded = runner.completed() - runner.errors();
            return new Rate(succeeded / (wall.toNanos() / 1e9), runner.errors());
        }
    }

    @Override
    public String describe() {
        return "revkv-bench in-process put";
    }
}
