package io.revkv.bench.command;

import com.google.protobuf.ByteString;
import io.revkv.bench.load.Connections;
import io.revkv.bench.load.Keys;
import io.revkv.bench.load.Operation;
import io.revkv.proto.etcdserverpb.KVGrpc;
import io.revkv.proto.etcdserverpb.TxnRequest;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code txn-put}: one Txn per request with {@code --txn-ops} puts in its success branch and no compare (etcd's
 * {@code benchmark txn-put}). The puts of one txn use distinct keys: etcd rejects a txn that puts a key twice.
 */
@picocli.CommandLine.Command(name = "txn-put", mixinStandardHelpOptions = true,
        description = "Benchmark Txn requests made of puts.")
public final class TxnPutCommand extends LoadCommand {

    @Option(names = "--txn-ops", defaultValue = "1", description = "puts per txn (default: ${DEFAULT-VALUE})")
    int txnOps;

    @Override
    Operation operation(Connections connections) {
        if (txnOps < 1 || txnOps > options.keySpaceSize) {
            throw new IllegalArgumentException("--txn-ops must be between 1 and --key-space-size");
        }
        Keys keys = new Keys(options.keySize, options.keySpaceSize, true);
        ByteString value = ByteString.copyFrom(options.value());
        return (client, seq) -> KVGrpc.newBlockingStub(connections.forClient(client)).txn(txn(keys, value, seq));
    }

    /** Txn {@code seq} puts {@code txnOps} consecutive keys starting where sequential or random keys would. */
    private TxnRequest txn(Keys keys, ByteString value, long seq) {
        long first = options.sequentialKeys ? seq * txnOps
                : java.util.concurrent.ThreadLocalRandom.current().nextLong(options.keySpaceSize);
        return TxnOfPuts.of(keys, value, first, txnOps);
    }

    @Override
    void describe(Map<String, Object> out) {
        out.put("txnOps", txnOps);
    }
}
