package io.revkv.bench.jmh;

import com.google.protobuf.ByteString;
import io.revkv.store.backend.Backend;
import io.revkv.store.mvcc.CompactionSettings;
import io.revkv.store.mvcc.MvccStore;
import io.revkv.store.mvcc.WriteTxn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * An MVCC store over a RocksDB backend in a temp dir, as a member runs it, minus Raft: each write txn gets the next
 * consistent index. Keys are {@code key-%08d}; a preload writes {@code versions} revisions of each of {@code keys}.
 */
final class EngineFixture implements AutoCloseable {
    static final ByteString VALUE = ByteString.copyFrom(new byte[256]);

    private final Path dir;
    private final CompactionSettings compaction;
    private Backend backend;
    private MvccStore store;
    private long consistentIndex;

    EngineFixture() {
        this(CompactionSettings.DEFAULT);
    }

    EngineFixture(CompactionSettings compaction) {
        this.compaction = compaction;
        try {
            this.dir = Files.createTempDirectory("revkv-jmh-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        open();
    }

    static ByteString key(long n) {
        return ByteString.copyFromUtf8(String.format("key-%08d", n));
    }

    /** Writes {@code versions} rounds over {@code keys} keys, one revision per put, 100 puts per txn. */
    void preload(int keys, int versions) {
        preload(keys, versions, null);
    }

    /**
     * Writes {@code keys * versions} puts, 100 per txn: cycling over the keys, or with {@code random} given, each
     * to a key drawn from it (so that the revisions a compaction keeps are scattered over the history).
     */
    void preload(int keys, int versions, Random random) {
        long total = (long) keys * versions;
        for (long done = 0; done < total; done += 100) {
            try (WriteTxn txn = store.write(++consistentIndex)) {
                for (long i = done; i < Math.min(total, done + 100); i++) {
                    txn.put(key(random == null ? i % keys : random.nextInt(keys)), VALUE, 0);
                }
            }
        }
    }

    void put(ByteString key) {
        try (WriteTxn txn = store.write(++consistentIndex)) {
            txn.put(key, VALUE, 0);
        }
    }

    void compact(long revision) {
        startCompaction(revision).join();
    }

    /** Applies a compaction (what a write txn applied after it waits for); the future completes when the disk is. */
    CompletableFuture<Void> startCompaction(long revision) {
        return store.compact(revision, ++consistentIndex);
    }

    MvccStore store() {
        return store;
    }

    /** Closes and reopens the store over the same data: the index is rebuilt from the key bucket. */
    void reopen() {
        closeStore();
        open();
    }

    private void open() {
        backend = Backend.open(dir);
        store = MvccStore.open(backend, compaction);
        consistentIndex = store.consistentIndex();
    }

    private void closeStore() {
        store.close();
        backend.close();
    }

    @Override
    public void close() {
        closeStore();
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
