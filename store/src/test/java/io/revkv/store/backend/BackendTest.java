package io.revkv.store.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.revkv.store.testing.CrashImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackendTest {
    @TempDir
    Path dir;

    private static byte[] b(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> keys(List<BucketEntry> entries) {
        return entries.stream().map(e -> new String(e.key(), StandardCharsets.ISO_8859_1)).toList();
    }

    @Test
    void aBatchIsInvisibleUntilCommittedAndBucketsAreSeparate() {
        try (Backend backend = Backend.open(dir); Batch batch = backend.batch()) {
            batch.put(Bucket.KEY, b("k"), b("in key")).put(Bucket.META, b("k"), b("in meta"));
            assertThat(batch.size()).isEqualTo(2);
            try (ReadSnapshot before = backend.snapshot()) {
                assertThat(before.get(Bucket.KEY, b("k"))).isNull();
            }
            batch.commit();
            try (ReadSnapshot after = backend.snapshot()) {
                assertThat(after.get(Bucket.KEY, b("k"))).isEqualTo(b("in key"));
                assertThat(after.get(Bucket.META, b("k"))).isEqualTo(b("in meta"));
            }
        }
    }

    @Test
    void aSnapshotDoesNotSeeLaterCommits() {
        try (Backend backend = Backend.open(dir)) {
            commit(backend, Bucket.KEY, "a", "1");
            try (ReadSnapshot snapshot = backend.snapshot()) {
                try (Batch batch = backend.batch()) {
                    batch.delete(Bucket.KEY, b("a")).put(Bucket.KEY, b("b"), b("2")).commit();
                }
                assertThat(snapshot.get(Bucket.KEY, b("a"))).isEqualTo(b("1"));
                assertThat(keys(snapshot.range(Bucket.KEY, null, null, 10))).containsExactly("a");
            }
        }
    }

    @Test
    void rangesAreHalfOpenLimitedAndUnsigned() {
        try (Backend backend = Backend.open(dir)) {
            for (String key : List.of("a", "b", "c", "\u00ff", "\u0001")) {
                commit(backend, Bucket.KEY, key, "v");
            }
            try (ReadSnapshot snapshot = backend.snapshot()) {
                assertThat(keys(snapshot.range(Bucket.KEY, null, null, 10)))
                        .containsExactly("\u0001", "a", "b", "c", "\u00ff");
                assertThat(keys(snapshot.range(Bucket.KEY, b("a"), b("c"), 10))).containsExactly("a", "b");
                assertThat(keys(snapshot.range(Bucket.KEY, b("a"), null, 2))).containsExactly("a", "b");
            }
        }
    }

    private static void commit(Backend backend, Bucket bucket, String key, String value) {
        try (Batch batch = backend.batch()) {
            batch.put(bucket, key.getBytes(StandardCharsets.ISO_8859_1), b(value)).commit();
        }
    }

    @Test
    void closePersistsCommittedBatches() {
        try (Backend backend = Backend.open(dir)) {
            commit(backend, Bucket.META, "m", "1");
        }
        try (Backend backend = Backend.open(dir); ReadSnapshot snapshot = backend.snapshot()) {
            assertThat(snapshot.get(Bucket.META, b("m"))).isEqualTo(b("1"));
        }
    }

    /** No WAL: a crash keeps what the last flush wrote, every bucket at the same point, and nothing after it. */
    @Test
    void aCrashKeepsWhatTheLastFlushWroteInEveryBucketAndNothingLater() {
        Path db = dir.resolve("db");
        try (Backend backend = Backend.open(db)) {
            try (Batch batch = backend.batch()) {
                batch.put(Bucket.KEY, b("k"), b("1")).put(Bucket.META, b("m"), b("1")).commit();
            }
            assertThat(valuesAfterACrash(db, dir.resolve("before-flush"))).containsExactly(null, null);
            backend.flush();
            try (Batch batch = backend.batch()) {
                batch.put(Bucket.KEY, b("k"), b("2")).put(Bucket.META, b("m"), b("2")).commit();
            }
            assertThat(valuesAfterACrash(db, dir.resolve("after-flush"))).containsExactly(b("1"), b("1"));
        }
    }

    private static List<byte[]> valuesAfterACrash(Path db, Path image) {
        try (Backend crashed = Backend.open(CrashImage.of(db, image)); ReadSnapshot snapshot = crashed.snapshot()) {
            return Arrays.asList(snapshot.get(Bucket.KEY, b("k")), snapshot.get(Bucket.META, b("m")));
        }
    }

    @Test
    void sizesGrowWithData() {
        try (Backend backend = Backend.open(dir)) {
            long empty = backend.size();
            try (Batch batch = backend.batch()) {
                for (int i = 0; i < 1000; i++) {
                    batch.put(Bucket.KEY, b("key" + i), new byte[100]);
                }
                batch.commit();
            }
            assertThat(backend.size()).isGreaterThan(empty);
            assertThat(backend.sizeInUse()).isPositive();
        }
    }

    @Test
    void closeReleasesOpenSnapshotsAndRefusesNewWork() {
        Backend backend = Backend.open(dir);
        ReadSnapshot forgotten = backend.snapshot();
        backend.close();
        forgotten.close();
        assertThatThrownBy(backend::snapshot).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(backend::batch).isInstanceOf(IllegalStateException.class);
    }
}
