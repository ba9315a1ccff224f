package io.revkv.store.apply;

import io.revkv.proto.etcdserverpb.DeleteRangeResponse;
import io.revkv.proto.etcdserverpb.PutRequest;
import io.revkv.proto.etcdserverpb.PutResponse;
import io.revkv.proto.etcdserverpb.RangeRequest;
import io.revkv.proto.mvccpb.KeyValue;
import io.revkv.store.backend.Backend;
import io.revkv.store.mvcc.CompactionSettings;
import io.revkv.store.mvcc.MvccStore;
import io.revkv.store.testing.KvOps;
import java.nio.file.Path;
import java.util.List;

/** A real MvccStore on RocksDB with a BackendApplier over it, fed consecutive raft indexes like the state machine. */
final class AppliedStore implements AutoCloseable {

    final MvccStore store;
    final Applier applier;
    private final Backend backend;
    private long lastIndex;

    private AppliedStore(Backend backend) {
        this.backend = backend;
        this.store = MvccStore.open(backend, CompactionSettings.DEFAULT);
        this.applier = new BackendApplier(store);
    }

    static AppliedStore open(Path dir) {
        return new AppliedStore(Backend.open(dir));
    }

    /** The raft index of the next entry to apply. */
    long nextIndex() {
        return ++lastIndex;
    }

    long lastIndex() {
        return lastIndex;
    }

    PutResponse put(String key, String value) {
        return applier.put(nextIndex(), KvOps.put(key, value));
    }

    PutResponse put(PutRequest r) {
        return applier.put(nextIndex(), r);
    }

    DeleteRangeResponse delete(String key) {
        return applier.deleteRange(nextIndex(), KvOps.delete(key));
    }

    /** The key's current record, or null. */
    KeyValue get(String key) {
        List<KeyValue> kvs = applier.range(KvOps.range(key)).getKvsList();
        return kvs.isEmpty() ? null : kvs.get(0);
    }

    /** The keys {@code r} returns, as strings, in response order. */
    List<String> keys(RangeRequest r) {
        return applier.range(r).getKvsList().stream().map(kv -> kv.getKey().toStringUtf8()).toList();
    }

    @Override
    public void close() {
        store.close();
        backend.close();
    }
}
