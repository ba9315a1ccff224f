package io.revkv.store.mvcc;

import com.google.protobuf.ByteString;
import io.revkv.proto.mvccpb.KeyValue;
import io.revkv.store.backend.Backend;
import java.nio.file.Path;
import java.util.List;

/** A real store on RocksDB in a test directory, with one-line helpers and a reopen that keeps the data. */
final class StoreHarness implements AutoCloseable {
    static final ByteString ALL = ByteString.copyFrom(new byte[] {0});

    private final Path dir;
    private final CompactionSettings settings;
    private Backend backend;
    private MvccStore store;
    private long appliedIndex;

    StoreHarness(Path dir) {
        this(dir, CompactionSettings.DEFAULT);
    }

    StoreHarness(Path dir, CompactionSettings settings) {
        this.dir = dir;
        this.settings = settings;
        open();
    }

    private void open() {
        backend = Backend.open(dir);
        store = MvccStore.open(backend, settings);
        appliedIndex = store.consistentIndex();
    }

    MvccStore store() {
        return store;
    }

    Backend backend() {
        return backend;
    }

    /** Closes store and backend (stopping a running compaction), then opens both again from the same directory. */
    void reopen() {
        close();
        open();
    }

    static ByteString bytes(String text) {
        return ByteString.copyFromUtf8(text);
    }

    WriteTxn write() {
        return store.write(++appliedIndex);
    }

    long put(String key, String value) {
        try (WriteTxn txn = write()) {
            return txn.put(bytes(key), bytes(value), 0);
        }
    }

    long delete(String key) {
        try (WriteTxn txn = write()) {
            return txn.deleteRange(bytes(key), ByteString.EMPTY);
        }
    }

    void compact(long revision) {
        store.compact(revision, ++appliedIndex).join();
    }

    RangeResult range(String key, ByteString end, long revision) {
        try (ReadTxn txn = store.read()) {
            return txn.range(bytes(key), end, new RangeOptions(0, revision, false));
        }
    }

    List<KeyValue> all(long revision) {
        return range("\0", ALL, revision).kvs();
    }

    KeyValue get(String key, long revision) {
        List<KeyValue> kvs = range(key, ByteString.EMPTY, revision).kvs();
        return kvs.isEmpty() ? null : kvs.get(0);
    }

    @Override
    public void close() {
        store.close();
        backend.close();
    }
}
