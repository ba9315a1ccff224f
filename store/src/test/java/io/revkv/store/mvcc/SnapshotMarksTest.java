package io.revkv.store.mvcc;

import static org.assertj.core.api.Assertions.assertThat;

import io.revkv.store.backend.Backend;
import io.revkv.store.testing.CrashImage;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotMarksTest {
    @TempDir
    Path dir;
    StoreHarness h;
    SnapshotMarks marks;

    @BeforeEach
    void open() {
        h = new StoreHarness(dir.resolve("db"));
        marks = new SnapshotMarks(h.backend());
    }

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void aNewBackendHasNoMark() {
        assertThat(marks.latest()).isEmpty();
    }

    @Test
    void aPersistedMarkSurvivesACrashTogetherWithEveryWriteBeforeIt() {
        h.put("a", "1");
        h.put("b", "2");
        marks.persist(new SnapshotMark(3, 2));
        h.put("c", "lost in the crash");

        try (Backend crashed = Backend.open(CrashImage.of(dir.resolve("db"), dir.resolve("crashed")));
             MvccStore store = MvccStore.open(crashed, CompactionSettings.DEFAULT)) {
            assertThat(new SnapshotMarks(crashed).latest()).contains(new SnapshotMark(3, 2));
            assertThat(store.consistentIndex()).isEqualTo(2);
            assertThat(store.currentRevision()).isEqualTo(3);
        }
    }

    @Test
    void theLatestMarkWinsAndSurvivesAReopen() {
        marks.persist(new SnapshotMark(1, 10));
        marks.persist(new SnapshotMark(2, 20));
        h.reopen();
        assertThat(new SnapshotMarks(h.backend()).latest()).contains(new SnapshotMark(2, 20));
    }

    /** Members snapshot at their own pace: the mark must not make equal data hash differently. */
    @Test
    void theHashLeavesTheMarkOut() {
        h.put("a", "1");
        long hash = h.store().hash();
        marks.persist(new SnapshotMark(1, 1));
        assertThat(h.store().hash()).isEqualTo(hash);
    }

    @Test
    void aBackendPreparedForANewLogHasNoMark() {
        marks.persist(new SnapshotMark(4, 40));
        h.close();
        try (Backend backend = Backend.open(dir.resolve("db"))) {
            ConsistentIndexReset.reset(backend);
            assertThat(new SnapshotMarks(backend).latest()).isEmpty();
        }
        h = new StoreHarness(dir.resolve("db"));
    }
}
