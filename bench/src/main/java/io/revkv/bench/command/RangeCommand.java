package io.revkv.bench.command;

import com.google.protobuf.ByteString;
import io.revkv.bench.load.Connections;
import io.revkv.bench.load.Keys;
import io.revkv.bench.load.LoadRunner;
import io.revkv.bench.load.Operation;
import io.revkv.bench.load.Plan;
import io.revkv.bench.report.LatencyHistogram;
import io.revkv.proto.etcdserverpb.KVGrpc;
import io.revkv.proto.etcdserverpb.PutRequest;
import io.revkv.proto.etcdserverpb.RangeRequest;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code range}: one single-key Range per request, linearizable ({@code --consistency l}, a read index round trip)
 * or serializable ({@code s}, the member's local state). {@code --preload} first writes every key of the key space
 * once, so that reads find something.
 */
@picocli.CommandLine.Command(name = "range", mixinStandardHelpOptions = true,
        description = "Benchmark single-key Range requests.")
public final class RangeCommand extends LoadCommand {

    @Option(names = "--consistency", defaultValue = "l",
            description = "l (linearizable) or s (serializable) (default: ${DEFAULT-VALUE})")
    String consistency;

    @Option(names = "--preload", description = "put every key of the key space once before measuring")
    boolean preload;

    @Override
    void prepare(Connections connections) throws Exception {
        if (!consistency.equals("l") && !consistency.equals("s")) {
            throw new IllegalArgumentException("--consistency must be l or s, got " + consistency);
        }
        if (preload) {
            Keys keys = new Keys(options.keySize, options.keySpaceSize, true);
            ByteString value = ByteString.copyFrom(options.value());
            Operation put = (client, seq) -> KVGrpc.newBlockingStub(connections.forClient(client))
                    .put(PutRequest.newBuilder().setKey(keys.key(seq)).setValue(value).build());
            new LoadRunner(Plan.forTotal(options.clients, options.keySpaceSize), put, new LatencyHistogram()).run();
        }
    }

    @Override
    Operation operation(Connections connections) {
        Keys keys = options.keys();
        boolean serializable = consistency.equals("s");
        return (client, seq) -> KVGrpc.newBlockingStub(connections.forClient(client))
                .range(RangeRequest.newBuilder().setKey(keys.key(seq)).setSerializable(serializable).build());
    }

    @Override
    void describe(Map<String, Object> out) {
        out.put("consistency", consistency);
    }
}
