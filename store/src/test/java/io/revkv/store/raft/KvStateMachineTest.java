package io.revkv.store.raft;

import io.revkv.store.membership.MemberStore;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.revkv.proto.etcdserverpb.AlarmRequest;
import io.revkv.proto.etcdserverpb.AlarmRequest.AlarmAction;
import io.revkv.proto.etcdserverpb.AlarmType;
import io.revkv.proto.etcdserverpb.CompactionRequest;
import io.revkv.proto.etcdserverpb.DeleteRangeRequest;
import io.revkv.proto.etcdserverpb.PutRequest;
import io.revkv.proto.etcdserverpb.RangeRequest;
import io.revkv.proto.mvccpb.KeyValue;
import io.revkv.proto.revkvpb.InternalBatch;
import io.revkv.proto.revkvpb.InternalBatchResponse;
import io.revkv.proto.revkvpb.InternalRequest;
import io.revkv.store.alarm.AlarmStore;
import io.revkv.store.apply.Applier;
import io.revkv.store.apply.BackendApplier;
import io.revkv.store.apply.CappedApplier;
import io.revkv.store.backend.Backend;
import io.revkv.store.errors.EtcdError;
import io.revkv.store.lease.Clock;
import io.revkv.store.lease.LeaseTable;
import io.revkv.store.mvcc.CompactionSettings;
import io.revkv.store.mvcc.MvccStore;
import io.revkv.store.mvcc.SnapshotMarks;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.proto.RaftProtos.StateMachineLogEntryProto;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import io.revkv.store.mvcc.RangeOptions;
import io.revkv.store.mvcc.ReadTxn;
import io.revkv.store.testing.CrashImage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KvStateMachineTest {

    @TempDir
    Path dir;
    private Backend backend;
    private MvccStore store;
    private BackendApplier applier;

    @BeforeEach
    void open() {
        backend = Backend.open(dir);
        store = MvccStore.open(backend, CompactionSettings.DEFAULT);
        applier = new BackendApplier(store, new LeaseTable(Clock.SYSTEM, 2, List.of()), AlarmStore.open(backend),
                MemberStore.open(backend));
    }

    @AfterEach
    void close() {
        store.close();
        backend.close();
    }

    @Test
    void aBatchAppliesEachRequestAsItsOwnRevisionAndAnswersEach() throws Exception {
        InternalBatchResponse responses = apply(machine(100_000), 7, "a", "b", "a");
        assertThat(responses.getResponsesList()).extracting(r -> r.getPut().getHeader().getRevision())
                .containsExactly(2L, 3L, 4L);
        assertThat(value("a").getVersion()).isEqualTo(2);
    }

    /** A crash that persisted only the first request of entry 7: replaying entry 7 applies the other two, once. */
    @Test
    void aReplayedBatchResumesAtTheFirstRequestNotApplied() throws Exception {
        apply(machine(100_000), 7, "a");
        InternalBatchResponse replayed = apply(machine(100_000), 7, "a", "b", "c");

        assertThat(replayed.getResponses(0).hasPut()).isFalse();
        assertThat(replayed.getResponses(2).getPut().getHeader().getRevision()).isEqualTo(4);
        assertThat(value("a").getVersion()).isEqualTo(1);
        assertThat(value("c").getModRevision()).isEqualTo(4);

        InternalBatchResponse again = apply(machine(100_000), 7, "a", "b", "c");
        assertThat(again.getResponsesList()).allMatch(r -> !r.hasPut());
        assertThat(store.currentRevision()).isEqualTo(4);
    }

    /**
     * One entry with a put, a NOSPACE alarm, a put the cap refuses, a compaction of a future revision the backend
     * refuses, and a delete (the cap lets deletes through): each request's position is recorded exactly once, the
     * refused ones included, and replaying the entry records none again.
     */
    @Test
    void everyRequestRecordsItsPositionOnceAppliedOrRefused() throws Exception {
        PositionCountingStore counted = new PositionCountingStore(store);
        AlarmStore alarms = AlarmStore.open(backend);
        Applier capped = new CappedApplier(new BackendApplier(counted, new LeaseTable(Clock.SYSTEM, 2, List.of()),
                alarms, MemberStore.open(backend)), alarms);
        KvStateMachine machine = new KvStateMachine(CompletableFuture.completedFuture(
                new KvStateMachine.Target(counted, capped)), new SnapshotMarks(backend), 100_000);
        List<InternalRequest> entry = List.of(put("a"),
                InternalRequest.newBuilder().setAlarm(AlarmRequest.newBuilder().setAction(AlarmAction.ACTIVATE)
                        .setMemberID(1).setAlarm(AlarmType.NOSPACE)).build(),
                put("b"),
                InternalRequest.newBuilder().setCompaction(CompactionRequest.newBuilder().setRevision(99)).build(),
                InternalRequest.newBuilder().setDeleteRange(DeleteRangeRequest.newBuilder()
                        .setKey(ByteString.copyFromUtf8("a"))).build());

        InternalBatchResponse responses = apply(machine, 7, entry);

        assertThat(responses.getResponses(2).getError().getKind()).isEqualTo(EtcdError.NO_SPACE.name());
        assertThat(responses.getResponses(3).getError().getKind()).isEqualTo(EtcdError.FUTURE_REV.name());
        assertThat(responses.getResponses(4).getDeleteRange().getDeleted()).isEqualTo(1);
        List<Long> positions = List.of(LogPosition.of(7, 0), LogPosition.of(7, 1), LogPosition.of(7, 2),
                LogPosition.of(7, 3), LogPosition.of(7, 4));
        assertThat(counted.recorded()).containsExactlyElementsOf(positions);
        assertThat(store.consistentIndex()).isEqualTo(LogPosition.of(7, 4));

        apply(machine, 7, entry);
        assertThat(counted.recorded()).as("a replay records nothing").containsExactlyElementsOf(positions);
    }

    /**
     * With a snapshot due every 20 requests, the flush ahead of it starts with the 19th: what was applied by then
     * reaches the disk before any snapshot, and the snapshot's own flush has less to do.
     */
    @Test
    void aFlushStartsAheadOfTheNextSnapshot() throws Exception {
        KvStateMachine machine = machine(20);
        for (long index = 1; index <= 9; index++) {
            apply(machine, index, "early", "early");
        }
        assertThat(durableKeys()).as("nothing flushed before the lead").doesNotContain("early");

        apply(machine, 10, "late");

        assertThat(eventually(() -> durableKeys().contains("late"))).as("request 19 flushed, no snapshot taken")
                .isTrue();
        assertThat(machine.getLatestSnapshot()).isNull();
    }

    /**
     * Ratis starts, and may hand over committed entries, while the store still rebuilds its index: the machine
     * applies nothing until the store is open, then applies them in order.
     */
    @Test
    void anEntryCommittedWhileTheStoreOpensWaitsForIt() throws Exception {
        CompletableFuture<KvStateMachine.Target> opening = new CompletableFuture<>();
        KvStateMachine machine = new KvStateMachine(opening, new SnapshotMarks(backend), 100_000);
        CompletableFuture<InternalBatchResponse> applied = CompletableFuture.supplyAsync(() -> {
            try {
                return apply(machine, 3, "early");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        Thread.sleep(200);
        assertThat(applied).isNotDone();
        assertThat(store.currentRevision()).isEqualTo(1);

        opening.complete(new KvStateMachine.Target(store, applier));
        assertThat(applied.get(10, TimeUnit.SECONDS).getResponses(0).getPut().getHeader().getRevision())
                .isEqualTo(2);
        assertThat(value("early").getModRevision()).isEqualTo(2);
    }

    private KvStateMachine machine(long snapshotCount) {
        return new KvStateMachine(CompletableFuture.completedFuture(new KvStateMachine.Target(store, applier)),
                new SnapshotMarks(backend), snapshotCount);
    }

    /** The keys a crash would leave: the backend's files, opened as they are now. */
    private List<String> durableKeys() {
        Path image = CrashImage.of(dir, dir.resolve("crash-" + System.nanoTime()));
        try (Backend crashed = Backend.open(image);
             MvccStore recovered = MvccStore.open(crashed, CompactionSettings.DEFAULT);
             ReadTxn txn = recovered.read()) {
            return txn.range(ByteString.copyFromUtf8("a"), ByteString.copyFromUtf8("z"), new RangeOptions(0, 0, false))
                    .kvs().stream().map(kv -> kv.getKey().toStringUtf8()).toList();
        }
    }

    /** Polls for up to 10 s: the flush runs in RocksDB's background threads, and a copy taken mid-flush may not open. */
    private static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        for (long deadline = System.nanoTime() + 10_000_000_000L; System.nanoTime() < deadline; Thread.sleep(50)) {
            try {
                if (condition.getAsBoolean()) {
                    return true;
                }
            } catch (RuntimeException copiedMidFlush) {
                // try again with a new copy
            }
        }
        return false;
    }

    private static InternalBatchResponse apply(KvStateMachine machine, long index, String... keys) throws Exception {
        return apply(machine, index, java.util.Arrays.stream(keys).map(KvStateMachineTest::put).toList());
    }

    private static InternalRequest put(String key) {
        return InternalRequest.newBuilder().setPut(PutRequest.newBuilder()
                .setKey(ByteString.copyFromUtf8(key)).setValue(ByteString.copyFromUtf8("v"))).build();
    }

    private static InternalBatchResponse apply(KvStateMachine machine, long index, List<InternalRequest> requests)
            throws Exception {
        InternalBatch batch = InternalBatch.newBuilder().addAllRequests(requests).build();
        LogEntryProto entry = LogEntryProto.newBuilder().setTerm(1).setIndex(index)
                .setStateMachineLogEntry(StateMachineLogEntryProto.newBuilder()
                        .setLogData(UnsafeByteOperations.unsafeWrap(batch.toByteArray())))
                .build();
        TransactionContext trx = TransactionContext.newBuilder().setStateMachine(machine).setLogEntry(entry).build();
        return AppliedMessage.responseOf(machine.applyTransaction(trx).get());
    }

    private KeyValue value(String key) {
        return applier.range(RangeRequest.newBuilder().setKey(ByteString.copyFromUtf8(key)).build()).getKvs(0);
    }
}
