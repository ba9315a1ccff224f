package io.revkv.store.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.revkv.store.backend.Backend;
import io.revkv.store.mvcc.CompactionSettings;
import io.revkv.store.mvcc.KvStore;
import io.revkv.store.mvcc.MvccStore;
import io.revkv.store.mvcc.RangeOptions;
import io.revkv.store.mvcc.ReadTxn;
import io.revkv.store.mvcc.SnapshotMark;
import io.revkv.store.mvcc.SnapshotMarks;
import io.revkv.store.mvcc.WriteTxn;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A snapshot of a real store, written in the streamed format, restored into a new data dir and opened again. */
class SnapshotRestoreTest {

    @TempDir
    Path dir;

    @Test
    void aRestoredDataDirHasTheSameDataAndRevisionAndAConsistentIndexOfZero() throws IOException {
        Path snapshot = snapshotOfAStoreAtRevision4();
        Path restored = dir.resolve("restored");

        SnapshotRestore.restore(snapshot, restored);

        try (Backend backend = Backend.open(restored.resolve("member/db"));
             KvStore store = MvccStore.open(backend, CompactionSettings.DEFAULT);
             ReadTxn read = store.read()) {
            assertThat(store.currentRevision()).isEqualTo(4);
            assertThat(store.compactRevision()).isEqualTo(2);
            assertThat(store.consistentIndex()).as("a new Raft log starts at 1").isZero();
            assertThat(new SnapshotMarks(backend).latest()).as("no snapshot of the new log yet").isEmpty();
            assertThat(read.range(bytes("a"), ByteString.EMPTY, RangeOptions.CURRENT).kvs())
                    .singleElement().satisfies(kv -> assertThat(kv.getValue().toStringUtf8()).isEqualTo("3"));
        }
    }

    @Test
    void aSnapshotWhoseDigestDoesNotMatchIsRefusedAndLeavesNothingBehind() throws IOException {
        Path snapshot = snapshotOfAStoreAtRevision4();
        byte[] bytes = Files.readAllBytes(snapshot);
        bytes[600] ^= 1;
        Files.write(snapshot, bytes);
        Path restored = dir.resolve("restored");

        assertThatThrownBy(() -> SnapshotRestore.restore(snapshot, restored))
                .isInstanceOf(InvalidSnapshotException.class).hasMessageContaining("SHA-256 mismatch");
        assertThat(restored.resolve("member")).doesNotExist();
    }

    @Test
    void aTruncatedFileIsRefused() throws IOException {
        Path snapshot = snapshotOfAStoreAtRevision4();
        Path truncated = dir.resolve("truncated");
        Files.write(truncated, Files.readAllBytes(snapshot), StandardOpenOption.CREATE_NEW);
        try (var channel = Files.newByteChannel(truncated, StandardOpenOption.WRITE)) {
            channel.truncate(Files.size(snapshot) - 1);
        }

        assertThatThrownBy(() -> SnapshotRestore.restore(truncated, dir.resolve("restored")))
                .isInstanceOf(InvalidSnapshotException.class);
    }

    @Test
    void anExistingMemberIsNeverOverwritten() throws IOException {
        Path snapshot = snapshotOfAStoreAtRevision4();
        Files.createDirectories(dir.resolve("used/member"));

        assertThatThrownBy(() -> SnapshotRestore.restore(snapshot, dir.resolve("used")))
                .isInstanceOf(IOException.class).hasMessageContaining("already holds a member");
    }

    /**
     * put a=1@2, a=2@3, snapshot mark at 20, compact 2, a=3@4, with consistent indexes up to 40; then
     * content ‖ SHA-256. What follows the mark is still in memtables: the checkpoint must flush it.
     */
    private Path snapshotOfAStoreAtRevision4() throws IOException {
        Path source = dir.resolve("source");
        Path content;
        try (Backend backend = Backend.open(source);
             KvStore store = MvccStore.open(backend, CompactionSettings.DEFAULT)) {
            put(store, 10, "1");
            put(store, 20, "2");
            new SnapshotMarks(backend).persist(new SnapshotMark(1, 20));
            store.compact(2, 30).join();
            put(store, 40, "3");
            content = SnapshotFile.writeContent(backend, dir);
        }
        Path file = dir.resolve("snapshot-" + System.nanoTime() + ".db");
        byte[] bytes = Files.readAllBytes(content);
        assertThat(bytes.length % 512).as("a tar is whole 512-byte blocks, which etcdctl checks").isZero();
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(bytes);
            out.write(SnapshotFile.digest().digest(bytes));
        }
        return file;
    }

    private static void put(KvStore store, long index, String value) {
        try (WriteTxn txn = store.write(index)) {
            txn.put(bytes("a"), bytes(value), 0);
        }
    }

    private static ByteString bytes(String s) {
        return ByteString.copyFromUtf8(s);
    }
}
