package io.revkv.bench.command;

import com.google.protobuf.ByteString;
import io.revkv.bench.load.Connections;
import io.revkv.bench.load.Operation;
import io.revkv.bench.load.Plan;
import io.revkv.bench.report.Report;
import io.revkv.bench.report.Stats;
import io.revkv.proto.etcdserverpb.KVGrpc;
import io.revkv.proto.etcdserverpb.PutRequest;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Option;

/**
 * {@code watch}: {@code --watchers} watchers over {@code --streams} Watch streams all watch one key prefix while
 * {@code --clients} writers put keys under it at {@code --rate}. Every put carries its send time in its value, so
 * every delivered event gives one put-to-event latency; the fan-out is the events delivered per second.
 */
@picocli.CommandLine.Command(name = "watch", mixinStandardHelpOptions = true,
        description = "Benchmark watch fan-out and put-to-event latency.")
public final class WatchCommand extends LoadCommand {
    private static final ByteString PREFIX = ByteString.copyFromUtf8("bench-watch/");
    private static final long DRAIN_NANOS = TimeUnit.SECONDS.toNanos(10);

    @Option(names = "--watchers", defaultValue = "10", description = "watchers in all (default: ${DEFAULT-VALUE})")
    int watchers;

    @Option(names = "--streams", defaultValue = "1",
            description = "Watch streams the watchers are spread over (default: ${DEFAULT-VALUE})")
    int streams;

    private final List<WatchStream> open = new ArrayList<>();

    @Override
    void prepare(Connections connections) throws Exception {
        if (watchers < 1 || streams < 1 || streams > watchers) {
            throw new IllegalArgumentException("need 1 <= --streams <= --watchers");
        }
        for (int s = 0; s < streams; s++) {
            int count = watchers / streams + (s < watchers % streams ? 1 : 0);
            open.add(WatchStream.open(connections.forClient(s), PREFIX, count));
        }
        for (WatchStream stream : open) {
            stream.awaitCreated(30, TimeUnit.SECONDS);
        }
    }

    @Override
    void measuring() {
        open.forEach(WatchStream::countFromNow);
    }

    @Override
    Operation operation(Connections connections) {
        return (client, seq) -> KVGrpc.newBlockingStub(connections.forClient(client)).put(PutRequest.newBuilder()
                .setKey(PREFIX.concat(options.keys().key(seq))).setValue(stamped()).build());
    }

    /** A value of at least 8 bytes whose first 8 are the send time. */
    private ByteString stamped() {
        ByteBuffer value = ByteBuffer.allocate(Math.max(Long.BYTES, options.valSize));
        value.putLong(0, System.nanoTime());
        return ByteString.copyFrom(value.array());
    }

    @Override
    Report measure(String section, Plan plan, Operation operation) throws InterruptedException {
        Report report = super.measure(section, plan, operation);
        long expected = report.sections().get(section).count() * watchers;
        long deadline = System.nanoTime() + DRAIN_NANOS;
        while (received() < expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        open.forEach(WatchStream::close);
        double seconds = report.sections().get(section).seconds();
        Stats events = WatchStream.merged(open, seconds);
        return report.section("watch-event", events).figure("expectedEvents", expected)
                .figure("receivedEvents", received());
    }

    private long received() {
        return open.stream().mapToLong(WatchStream::events).sum();
    }

    @Override
    void describe(Map<String, Object> out) {
        out.put("watchers", watchers);
        out.put("streams", streams);
    }
}
