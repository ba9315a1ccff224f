package io.revkv.bench.command;

import com.google.protobuf.ByteString;
import io.revkv.bench.load.Connections;
import io.revkv.bench.load.Keys;
import io.revkv.bench.load.LoadRunner;
import io.revkv.bench.load.Operation;
import io.revkv.bench.load.Plan;
import io.revkv.bench.report.LatencyHistogram;
import io.revkv.bench.report.Progress;
import io.revkv.proto.etcdserverpb.KVGrpc;
import io.revkv.proto.etcdserverpb.PutRequest;

/**
 * How the scenarios fill a store before they measure: {@code puts} puts of keys {@code 0, 1, 2, ...} of a sequential
 * key space (cycling when the space is smaller), unmeasured, as fast as the clients go. Either one Put per request,
 * or Txns of {@code putsPerTxn} consecutive keys, which fill a large store in a fraction of the requests.
 *
 * @param keys       sequential keys
 * @param putsPerTxn 1 for plain Puts; at most the key space size
 */
record Preload(Connections connections, Keys keys, ByteString value, int putsPerTxn) {

    Preload {
        if (!keys.sequential() || putsPerTxn < 1 || putsPerTxn > keys.keySpaceSize()) {
            throw new IllegalArgumentException("a preload writes sequential keys, 1 to key-space-size puts a request");
        }
    }

    /** Writes {@code puts} puts with {@code clients} clients; fails if any request failed. */
    void write(long puts, int clients, boolean progress) throws InterruptedException {
        long requests = (puts + putsPerTxn - 1) / putsPerTxn;
        LoadRunner runner = new LoadRunner(Plan.forTotal(clients, requests), request(puts), new LatencyHistogram());
        try (Progress p = Progress.start("preload", runner::completed, runner::errors, System.err, progress)) {
            runner.run();
        }
        if (runner.errors() > 0) {
            throw new IllegalStateException("preload failed " + runner.errors() + " requests: " + runner.firstError());
        }
    }

    /** Request {@code seq} puts {@code value} under {@code keys.key(seq)}. */
    static Operation put(Connections connections, Keys keys, ByteString value) {
        return (client, seq) -> KVGrpc.newBlockingStub(connections.forClient(client))
                .put(PutRequest.newBuilder().setKey(keys.key(seq)).setValue(value).build());
    }

    private Operation request(long puts) {
        if (putsPerTxn == 1) {
            return put(connections, keys, value);
        }
        return (client, seq) -> {
            long first = seq * putsPerTxn;
            int count = (int) Math.min(putsPerTxn, puts - first);
            KVGrpc.newBlockingStub(connections.forClient(client)).txn(TxnOfPuts.of(keys, value, first, count));
        };
    }
}
