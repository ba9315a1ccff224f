package io.revkv.bench.command;

import com.google.protobuf.ByteString;
import io.revkv.bench.load.Connections;
import io.revkv.bench.load.Keys;
import io.revkv.bench.load.Operation;
import io.revkv.proto.etcdserverpb.KVGrpc;
import io.revkv.proto.etcdserverpb.PutRequest;

/** {@code put}: one Put per request, keys from the key space, a fixed value. */
@picocli.CommandLine.Command(name = "put", mixinStandardHelpOptions = true,
        description = "Benchmark Put requests.")
public final class PutCommand extends LoadCommand {

    @Override
    Operation operation(Connections connections) {
        return puts(connections, options.keys(), ByteString.copyFrom(options.value()));
    }

    /** The request this subcommand measures; {@code coldstart} drives the same one. */
    static Operation puts(Connections connections, Keys keys, ByteString value) {
        return (client, seq) -> KVGrpc.newBlockingStub(connections.forClient(client))
                .put(PutRequest.newBuilder().setKey(keys.key(seq)).setValue(value).build());
    }
}
