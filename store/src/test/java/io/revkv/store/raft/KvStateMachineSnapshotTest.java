package io.revkv.store.raft;

import io.revkv.store.membership.MemberStore;
import static org.assertj.core.api.Assertions.assertThat;

import io.revkv.store.alarm.AlarmStore;
import io.revkv.store.apply.BackendApplier;
import io.revkv.store.backend.Backend;
import io.revkv.store.lease.LeaseTable;
import io.revkv.store.lease.StoredLeases;
import io.revkv.store.mvcc.CompactionSettings;
import io.revkv.store.mvcc.MvccStore;
import io.revkv.store.mvcc.SnapshotMark;
import io.revkv.store.mvcc.SnapshotMarks;
import io.revkv.store.testing.CrashImage;
import io.revkv.store.testing.FakeClock;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.apache.ratis.server.protocol.TermIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state machine's snapshots over a real store: what they record, and where a restarted machine resumes. */
class KvStateMachineSnapshotTest {

    @TempDir
    Path dir;

    /** A member's machine over the backend in {@code db}, as Ratis gets it before {@code initialize}. */
    private record Machine(Backend backend, MvccStore store, KvStateMachine machine) implements AutoCloseable {
        static Machine open(Path db) {
            Backend backend = Backend.open(db);
            MvccStore store = MvccStore.open(backend, CompactionSettings.DEFAULT);
            BackendApplier applier = new BackendApplier(store,
                    new LeaseTable(new FakeClock(), 2, StoredLeases.load(backend)), AlarmStore.open(backend),
                    MemberStore.open(backend));
            return new Machine(backend, store, new KvStateMachine(
                    CompletableFuture.completedFuture(new KvStateMachine.Target(store, applier)),
                    new SnapshotMarks(backend), 100_000));
        }

        @Override
        public void close() {
            store.close();
            backend.close();
        }
    }

    @Test
    void withoutASnapshotRatisReplaysTheWholeLog() {
        try (Machine m = Machine.open(dir.resolve("db"))) {
            m.machine().reinitialize();
            assertThat(m.machine().getLatestSnapshot()).isNull();
        }
    }

    @Test
    void aSnapshotIsTheLastAppliedTermIndexMadeDurable() {
        Path db = dir.resolve("db");
        try (Machine m = Machine.open(db)) {
            m.machine().notifyTermIndexUpdated(2, 7);

            assertThat(m.machine().takeSnapshot()).isEqualTo(7);
            assertThat(m.machine().getLatestSnapshot().getTermIndex()).isEqualTo(TermIndex.valueOf(2, 7));
            try (Backend crashed = Backend.open(CrashImage.of(db, dir.resolve("crashed")))) {
                assertThat(new SnapshotMarks(crashed).latest()).contains(new SnapshotMark(2, 7));
            }
        }
    }

    @Test
    void aRestartedMachineResumesRightAfterItsLatestSnapshot() {
        Path db = dir.resolve("db");
        try (Machine m = Machine.open(db)) {
            m.machine().notifyTermIndexUpdated(1, 3);
            m.machine().takeSnapshot();
            m.machine().notifyTermIndexUpdated(2, 9);
            m.machine().takeSnapshot();
            m.machine().notifyTermIndexUpdated(2, 12);
        }
        try (Machine restarted = Machine.open(db)) {
            restarted.machine().reinitialize();
            assertThat(restarted.machine().getLatestSnapshot().getTermIndex()).isEqualTo(TermIndex.valueOf(2, 9));
            assertThat(restarted.machine().getLastAppliedTermIndex()).isEqualTo(TermIndex.valueOf(2, 9));
        }
    }
}
