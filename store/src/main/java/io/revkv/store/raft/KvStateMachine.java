package io.revkv.store.raft;

import com.google.protobuf.InvalidProtocolBufferException;
import io.revkv.proto.revkvpb.InternalBatch;
import io.revkv.proto.revkvpb.InternalBatchResponse;
import io.revkv.proto.revkvpb.InternalQuery;
import io.revkv.proto.revkvpb.InternalQueryResponse;
import io.revkv.proto.revkvpb.InternalRequest;
import io.revkv.proto.revkvpb.InternalResponse;
import io.revkv.store.apply.AppliedPositions;
import io.revkv.store.apply.Applier;
import io.revkv.store.errors.EtcdException;
import io.revkv.store.mvcc.KvStore;
import io.revkv.store.mvcc.SnapshotMark;
import io.revkv.store.mvcc.SnapshotMarks;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.apache.ratis.proto.RaftProtos.RaftConfigurationProto;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftGroupMemberId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.SnapshotManagementRequest;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.SnapshotInfo;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.FileListSnapshotInfo;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.apache.ratis.util.LifeCycle;
import org.jboss.logging.Logger;

/**
 * The Ratis state machine: decodes each committed entry and hands it to the applier, in log order.
 *
 * <p>Exactly-once: an entry is a batch of requests, and each request's {@link LogPosition} is recorded as the
 * consistent index once the applier is done with it, applied or refused ({@link AppliedPositions}: in the same backend
 * batch as the request's effects when it has any), so a request at or below the consistent index was applied before
 * a restart and is skipped when Ratis replays its log, even inside a batch that a crash cut short. Errors never
 * escape (Ratis would stop the server): they travel in the reply.
 *
 * <p>Snapshots: taking one flushes the backend, records the term and index of the last applied entry
 * ({@link SnapshotMarks}) and takes a RocksDB checkpoint of exactly that state ({@link SnapshotCheckpoints}: hard
 * links, milliseconds), whose files Ratis sends to a member behind its purged log, which installs them in place of its
 * backend ({@link #reinitialize}). Ratis may then purge its log up to the mark, and on the next start it applies
 * from the entry after it. Requests above the mark that the flushed backend already holds are skipped as above.
 * A snapshot is due every {@code --snapshot-count} requests ({@link SnapshotSchedule}), and asked of Ratis, which
 * takes it on this applying thread: every write waits for its flush, so a flush started in the background a
 * twentieth of the count earlier leaves it little to write (measured: a full memtable's flush there held writes for
 * about a hundred milliseconds).
 *
 * <p>The machine can be handed to Ratis while the store is still opening: Ratis starts (reads its log, elects a
 * leader) while the store rebuilds its index, and the first entry applied waits for the store.
 */
public final class KvStateMachine extends BaseStateMachine {

    /**
     * What entries are applied to: the store's consistent index says which requests were applied already, the
     * applier applies the others.
     */
    public record Target(KvStore kv, Applier applier, CheckpointStore checkpoints) {
        /**
         * A target without checkpoints: its snapshots list no files, so it cannot bring a member behind its purged log
         * up to date (a lone member in tests).
         */
        public Target(KvStore kv, Applier applier) {
            this(kv, applier, null);
        }
    }

    private static final Logger LOG = Logger.getLogger(KvStateMachine.class);
    private static final long SNAPSHOT_REQUEST_TIMEOUT_MS = 60_000;

    private final CompletableFuture<Target> target;
    private final SnapshotMarks snapshots;
    private final Leadership leadership = new Leadership();
    private final AppliedIndex appliedIndex = new AppliedIndex();
    /** Null until the first snapshot: Ratis then replays its log from the start. */
    private volatile SnapshotInfo latestSnapshot;
    private final SnapshotSchedule schedule;
    /** Identifies this machine's snapshot requests to Ratis. */
    private final ClientId snapshotClientId = ClientId.randomId();
    private long snapshotCallId;
    private volatile Function<InternalQuery, InternalQueryResponse> queries;
    private final List<Runnable> configurationListeners = new CopyOnWriteArrayList<>();
    /** This member in its group, for {@link CommitHeartbeats}; set by {@link #initialize}. */
    private volatile RaftGroupMemberId memberId;
    /** Set by {@link #initialize}: Ratis' state machine directory of this member's storage. */
    private volatile SnapshotCheckpoints checkpoints;

    /**
     * @param target        completes once the store is open; {@code snapshots} must work before (Ratis asks for the
     *                      latest snapshot as it starts)
     * @param snapshotCount {@code --snapshot-count}: requests applied between two snapshots
     */
    public KvStateMachine(CompletableFuture<Target> target, SnapshotMarks snapshots, long snapshotCount) {
        this.target = target;
        this.snapshots = snapshots;
        this.schedule = new SnapshotSchedule(snapshotCount);
    }

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
        LogEntryProto entry = trx.getLogEntry();
        try {
            Target to = target.join();
            InternalBatch batch = decode(entry);
            AppliedPositions positions = new AppliedPositions(to.kv());
            InternalBatchResponse.Builder responses = InternalBatchResponse.newBuilder();
            for (int offset = 0; offset < batch.getRequestsCount(); offset++) {
                long position = LogPosition.of(entry.getIndex(), offset);
                responses.addResponses(positions.applied(position) ? InternalResponse.getDefaultInstance()
                        : apply(to.applier(), positions, position, batch.getRequests(offset)));
            }
            scheduleSnapshot(batch.getRequestsCount());
            return CompletableFuture.completedFuture(new AppliedMessage(responses.build()));
        } finally {
            updateLastAppliedTermIndex(entry.getTerm(), entry.getIndex());
            appliedIndex.applied(entry.getIndex());
            CommitHeartbeats.applied(memberId, entry.getIndex());
        }
    }

    private void scheduleSnapshot(int requests) {
        switch (schedule.applied(requests)) {
            case PREPARE -> snapshots.prepare();
            case SNAPSHOT -> requestSnapshot();
            case NONE -> { }
        }
    }

    /**
     * Asks Ratis for a snapshot, which it takes on this thread once the current entry is applied (it replies only
     * then, so nothing here waits for the reply). Should the request fail, Ratis' own trigger every
     * {@code --snapshot-count} entries still takes one.
     */
    private void requestSnapshot() {
        getServer().join().snapshotManagementAsync(SnapshotManagementRequest.newCreate(snapshotClientId, getId(),
                getGroupId(), ++snapshotCallId, SNAPSHOT_REQUEST_TIMEOUT_MS)).whenComplete((reply, error) -> {
                    if (error != null || !reply.isSuccess()) {
                        LOG.warnf("requested snapshot not taken: %s",
                                error != null ? error : reply.getException());
                    }
                });
    }

    @Override
    public void notifyLeaderChanged(RaftGroupMemberId member, RaftPeerId newLeaderId) {
        leadership.changed(member.getPeerId().equals(newLeaderId));
    }

    public Leadership leadership() {
        return leadership;
    }

    AppliedIndex appliedIndex() {
        return appliedIndex;
    }

    /** Who answers the questions members ask each other over the Raft transport (set once Raft has started). */
    public void answerQueriesWith(Function<InternalQuery, InternalQueryResponse> answerer) {
        this.queries = answerer;
    }

    /** Calls {@code listener} whenever the Raft configuration this member knows changes. */
    public void onConfigurationChanged(Runnable listener) {
        configurationListeners.add(listener);
    }

    @Override
    public void notifyConfigurationChanged(long term, long index, RaftConfigurationProto newConfiguration) {
        configurationListeners.forEach(Runnable::run);
    }

    /**
     * An empty message is the read-index barrier: Ratis runs a linearizable query only once this member has applied
     * the read index. Anything else is an {@link InternalQuery}.
     */
    @Override
    public CompletableFuture<Message> query(Message request) {
        if (request.getContent().isEmpty()) {
            return CompletableFuture.completedFuture(Message.EMPTY);
        }
        Function<InternalQuery, InternalQueryResponse> answerer = queries;
        try {
            if (answerer == null) {
                throw new IllegalStateException("this member is still starting");
            }
            InternalQuery query = InternalQuery.parseFrom(request.getContent().asReadOnlyByteBuffer());
            return CompletableFuture.completedFuture(Message.valueOf(
                    UnsafeByteOperations.unsafeWrap(answerer.apply(query).toByteArray())));
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage storage) throws IOException {
        super.initialize(server, groupId, storage);
        memberId = RaftGroupMemberId.valueOf(server.getId(), groupId);
        checkpoints = new SnapshotCheckpoints(storage.getStorageDir().getStateMachineDir().toPath());
        getLifeCycle().transition(LifeCycle.State.STARTING);
        installNewerCheckpoint();
        resumeAfterLatestSnapshot();
        getLifeCycle().transition(LifeCycle.State.RUNNING);
    }

    @Override
    public void close() throws IOException {
        super.close();
        if (memberId != null) {
            CommitHeartbeats.stopped(memberId);
        }
    }

    /** Ratis pauses the machine before it puts a snapshot received from the leader in place. */
    @Override
    public void pause() {
        if (getLifeCycleState() == LifeCycle.State.RUNNING) {
            getLifeCycle().transition(LifeCycle.State.PAUSING);
            getLifeCycle().transition(LifeCycle.State.PAUSED);
        }
    }

    /**
     * After Ratis put a snapshot received from the leader in place (on the applying thread, the machine paused):
     * installs it in place of the store, and resumes after it.
     */
    @Override
    public void reinitialize() {
        installNewerCheckpoint();
        resumeAfterLatestSnapshot();
        schedule.snapshotTaken();
        if (getLifeCycleState() == LifeCycle.State.PAUSED) {
            getLifeCycle().transition(LifeCycle.State.STARTING);
            getLifeCycle().transition(LifeCycle.State.RUNNING);
        }
    }

    /**
     * A checkpoint newer than the store's own snapshot mark came from the leader: after an install, or at a start
     * when a crash came between Ratis accepting it and the store taking it.
     */
    private void installNewerCheckpoint() {
        SnapshotCheckpoints here = checkpoints;
        Optional<SnapshotCheckpoints.Checkpoint> newest = here == null ? Optional.empty() : here.newest();
        long own = snapshots.latest().map(SnapshotMark::index).orElse(0L);
        if (newest.isEmpty() || newest.get().termIndex().getIndex() <= own) {
            return;
        }
        long start = System.nanoTime();
        CheckpointStore store = target.join().checkpoints();
        store.install(newest.get().dir());
        LOG.infof("installed the leader's snapshot at index %d, term %d, in %d ms (store was at index %d)",
                newest.get().termIndex().getIndex(), newest.get().termIndex().getTerm(),
                (System.nanoTime() - start) / 1_000_000, own);
    }

    /** Ratis asks for the latest snapshot right after {@link #initialize} and starts applying after its index. */
    private void resumeAfterLatestSnapshot() {
        snapshots.latest().ifPresent(mark -> {
            TermIndex termIndex = TermIndex.valueOf(mark.term(), mark.index());
            latestSnapshot = snapshotInfo(termIndex);
            setLastAppliedTermIndex(termIndex);
            appliedIndex.applied(mark.index());
        });
    }

    /**
     * Called by Ratis on its applying thread once every entry up to the last applied one has been applied: when this
     * machine asks (every {@code --snapshot-count} requests), on Ratis' own backstop every that many entries, and when
     * the server stops. The mark is Ratis' last applied term-index, never the store's consistent index: only the
     * former is a position in this log.
     */
    @Override
    public long takeSnapshot() {
        long start = System.nanoTime();
        TermIndex applied = getLastAppliedTermIndex();
        snapshots.persist(new SnapshotMark(applied.getTerm(), applied.getIndex()));
        latestSnapshot = snapshotWithFiles(applied);
        schedule.snapshotTaken();
        LOG.infof("saved snapshot at index %d, term %d, in %d ms", applied.getIndex(), applied.getTerm(),
                (System.nanoTime() - start) / 1_000_000);
        return applied.getIndex();
    }

    @Override
    public SnapshotInfo getLatestSnapshot() {
        return latestSnapshot;
    }

    /**
     * The snapshot at {@code termIndex} as Ratis sends it: this member's checkpoint of it, taken now (on this thread,
     * the mark just persisted, so the checkpoint holds the mark and exactly the entries up to it: hard links to the
     * flushed files, milliseconds). Without checkpoints (a target without them, or a failed checkpoint, logged) the
     * snapshot lists no files, as {@link #snapshotInfo}.
     */
    private SnapshotInfo snapshotWithFiles(TermIndex termIndex) {
        CheckpointStore store = target.join().checkpoints();
        if (store == null || checkpoints == null) {
            return snapshotInfo(termIndex);
        }
        try {
            return SnapshotCheckpoints.info(checkpoints.take(termIndex, store));
        } catch (RuntimeException e) {
            LOG.errorf(e, "checkpoint of the snapshot at index %d failed", termIndex.getIndex());
            return snapshotInfo(termIndex);
        }
    }

    /**
     * The snapshot at {@code termIndex}: its checkpoint when this member has it (its own, or the leader's it
     * installed), else no files (the state is the backend in place; {@link #takeSnapshot} makes the checkpoint).
     */
    private SnapshotInfo snapshotInfo(TermIndex termIndex) {
        SnapshotCheckpoints here = checkpoints;
        if (here != null && Files.isDirectory(here.dirFor(termIndex))) {
            return SnapshotCheckpoints.info(new SnapshotCheckpoints.Checkpoint(termIndex, here.dirFor(termIndex)));
        }
        return new FileListSnapshotInfo(List.of(), termIndex);
    }

    /**
     * Applies one request and records its position, whether the applier applied it or refused it: the reply carries
     * the refusal, and a failure to record the position (the store closed, a backend error) fails the request.
     */
    private static InternalResponse apply(Applier applier, AppliedPositions positions, long position,
                                          InternalRequest request) {
        InternalResponse response = dispatch(applier, position, request);
        try {
            positions.record(position);
        } catch (RuntimeException e) {
            return failure(e);
        }
        return response;
    }

    /**
     * A physical compaction answers as soon as it is applied: waiting here for the disk deletion would hold up every
     * entry after it. The API waits for the deletion instead.
     */
    private static InternalResponse dispatch(Applier applier, long position, InternalRequest request) {
        InternalResponse.Builder response = InternalResponse.newBuilder();
        try {
            switch (request.getRequestCase()) {
                case PUT -> response.setPut(applier.put(position, request.getPut()));
                case DELETE_RANGE -> response.setDeleteRange(applier.deleteRange(position, request.getDeleteRange()));
                case TXN -> response.setTxn(applier.txn(position, request.getTxn()));
                case COMPACTION -> response.setCompaction(applier.compact(position, request.getCompaction()));
                case ALARM -> response.setAlarm(applier.alarm(position, request.getAlarm()));
                case LEASE_GRANT -> response.setLeaseGrant(applier.leaseGrant(position, request.getLeaseGrant()));
                case LEASE_REVOKE -> response.setLeaseRevoke(applier.leaseRevoke(position, request.getLeaseRevoke()));
                case MEMBER_CHANGE -> response.setMemberChange(applier.memberChange(position,
                        request.getMemberChange()));
                default -> throw new IllegalArgumentException("unknown replicated request " + request.getRequestCase());
            }
        } catch (RuntimeException e) {
            return failure(e);
        }
        return response.build();
    }

    private static InternalResponse failure(RuntimeException e) {
        if (!(e instanceof EtcdException)) {
            LOG.errorf(e, "applying a replicated request failed");
        }
        return InternalResponse.newBuilder().setError(ReplicatedErrors.encode(e)).build();
    }


    private static InternalBatch decode(LogEntryProto entry) {
        try {
            return InternalBatch.parseFrom(entry.getStateMachineLogEntry().getLogData().asReadOnlyByteBuffer());
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("corrupt log entry " + entry.getIndex(), e);
        }
    }
}
