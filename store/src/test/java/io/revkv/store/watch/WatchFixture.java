package io.revkv.store.watch;

import com.google.protobuf.ByteString;
import io.revkv.proto.etcdserverpb.WatchCreateRequest;
import io.revkv.proto.etcdserverpb.WatchResponse;
import io.revkv.proto.mvccpb.Event;
import io.revkv.store.backend.Backend;
import io.revkv.store.mvcc.CompactionSettings;
import io.revkv.store.mvcc.MvccStore;
import io.revkv.store.mvcc.WriteTxn;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/** A watchable store over a real MvccStore on RocksDB in a test directory, with one-line writes and watches. */
final class WatchFixture implements AutoCloseable {
    static final ByteString ALL = ByteString.copyFrom(new byte[] {0});

    final Backend backend;
    final WatchableStore store;
    private long appliedIndex;

    WatchFixture(Path dir) {
        this(dir, Duration.ofMinutes(10));
    }

    WatchFixture(Path dir, Duration progressInterval) {
        backend = Backend.open(dir);
        store = new WatchableStore(MvccStore.open(backend, CompactionSettings.DEFAULT),
                new WatchSettings(progressInterval, 1024 * 1024, 128, Duration.ofMillis(100)));
    }

    static ByteString bytes(String text) {
        return ByteString.copyFromUtf8(text);
    }

    /** One write txn, as the applier runs it; returns the revision after it. */
    long txn(Consumer<WriteTxn> body) {
        try (WriteTxn txn = store.write(++appliedIndex)) {
            body.accept(txn);
        }
        return store.currentRevision();
    }

    long put(String key, String value) {
        return txn(t -> t.put(bytes(key), bytes(value), 0));
    }

    long delete(String key) {
        return txn(t -> t.deleteRange(bytes(key), ByteString.EMPTY));
    }

    void compact(long revision) {
        store.compact(revision, ++appliedIndex).join();
    }

    static WatchCreateRequest.Builder watch(String key) {
        return WatchCreateRequest.newBuilder().setKey(bytes(key));
    }

    static WatchCreateRequest.Builder watchAll() {
        return WatchCreateRequest.newBuilder().setKey(ALL).setRangeEnd(ALL);
    }

    /** "PUT a=1@2" or "DELETE a@4": what a test compares. */
    static List<String> describe(WatchResponse response) {
        return response.getEventsList().stream().map(WatchFixture::describe).toList();
    }

    static String describe(Event e) {
        String value = e.getType() == Event.EventType.PUT ? "=" + e.getKv().getValue().toStringUtf8() : "";
        return e.getType() + " " + e.getKv().getKey().toStringUtf8() + value + "@" + e.getKv().getModRevision();
    }

    @Override
    public void close() {
        store.close();
        backend.close();
    }
}
