package io.revkv.store.api;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.revkv.proto.etcdserverpb.AlarmMember;
import io.revkv.proto.etcdserverpb.AlarmRequest;
import io.revkv.proto.etcdserverpb.AlarmResponse;
import io.revkv.proto.etcdserverpb.AlarmType;
import io.revkv.proto.etcdserverpb.DefragmentRequest;
import io.revkv.proto.etcdserverpb.DefragmentResponse;
import io.revkv.proto.etcdserverpb.HashKVRequest;
import io.revkv.proto.etcdserverpb.HashKVResponse;
import io.revkv.proto.etcdserverpb.HashRequest;
import io.revkv.proto.etcdserverpb.HashResponse;
import io.revkv.proto.etcdserverpb.MaintenanceGrpc;
import io.revkv.proto.etcdserverpb.MoveLeaderRequest;
import io.revkv.proto.etcdserverpb.MoveLeaderResponse;
import io.revkv.proto.etcdserverpb.ResponseHeader;
import io.revkv.proto.etcdserverpb.SnapshotRequest;
import io.revkv.proto.etcdserverpb.SnapshotResponse;
import io.revkv.proto.etcdserverpb.StatusRequest;
import io.revkv.proto.etcdserverpb.StatusResponse;
import io.revkv.proto.revkvpb.InternalRequest;
import io.revkv.store.alarm.AlarmStore;
import io.revkv.store.backend.Backend;
import io.revkv.store.config.RevkvVersion;
import io.revkv.store.errors.EtcdError;
import io.revkv.store.mvcc.HashKvResult;
import io.revkv.store.mvcc.KvStore;
import io.revkv.store.raft.RaftMember;
import io.revkv.store.raft.RaftStatus;
import io.revkv.store.snapshot.SnapshotFile;
import io.smallrye.common.annotation.Blocking;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** etcd's Maintenance service: per-member answers, computed locally, never through Raft. */
@GrpcService
public class MaintenanceService extends MaintenanceGrpc.MaintenanceImplBase {

    private final RaftMember raft;
    private final KvStore kv;
    private final Backend backend;
    private final AlarmStore alarms;
    private final ReadExecutor reads;
    private final ResponseHeaders headers;

    public MaintenanceService(RaftMember raft, KvStore kv, Backend backend, AlarmStore alarms, ReadExecutor reads,
                              ResponseHeaders headers) {
        this.raft = raft;
        this.kv = kv;
        this.backend = backend;
        this.alarms = alarms;
        this.reads = reads;
        this.headers = headers;
    }

    @Override
    public void status(StatusRequest request, StreamObserver<StatusResponse> observer) {
        Replies.completeOn(reads, observer, () -> {
            RaftStatus status = raft.status();
            StatusResponse.Builder b = StatusResponse.newBuilder()
                    .setHeader(headers.stamp(ResponseHeader.getDefaultInstance()))
                    .setVersion(RevkvVersion.ETCD_API_VERSION)
                    .setDbSize(backend.size())
                    .setDbSizeInUse(backend.sizeInUse())
                    .setLeader(status.leaderId())
                    .setRaftIndex(status.commitIndex())
                    .setRaftTerm(status.term())
                    .setRaftAppliedIndex(status.appliedIndex())
                    .setIsLearner(raft.isLearner());
            if (status.leaderId() == 0) {
                b.addErrors(EtcdError.NO_LEADER.message());
            }
            alarms.get(AlarmType.NONE).forEach(alarm -> b.addErrors(statusError(alarm)));
            return b.build();
        });
    }

    /**
     * Hands leadership to {@code targetID} and answers once it leads; only the leader may (etcd's "not leader"
     * elsewhere), and only to a voting member ("bad leader transferee"). Moving it to itself answers at once.
     */
    @Override
    public void moveLeader(MoveLeaderRequest request, StreamObserver<MoveLeaderResponse> observer) {
        Replies.complete(observer, () -> raft.moveLeader(request.getTargetID())
                .thenApply(done -> MoveLeaderResponse.newBuilder()
                        .setHeader(headers.stamp(ResponseHeader.getDefaultInstance())).build()));
    }

    @Override
    public void hash(HashRequest request, StreamObserver<HashResponse> observer) {
        Replies.completeOn(reads, observer, () -> HashResponse.newBuilder()
                .setHash((int) kv.hash())
                .setHeader(headers.stamp(ResponseHeader.getDefaultInstance()))
                .build());
    }

    @Override
    public void hashKV(HashKVRequest request, StreamObserver<HashKVResponse> observer) {
        Replies.completeOn(reads, observer, () -> {
            HashKvResult h = kv.hashKv(request.getRevision());
            return HashKVResponse.newBuilder()
                    .setHeader(headers.stamp(ResponseHeader.newBuilder().setRevision(h.currentRevision()).build()))
                    .setHash((int) h.hash())
                    .setCompactRevision(h.compactRevision())
                    .setHashRevision(h.hashRevision())
                    .build();
        });
    }

    /**
     * Online, per member, never through Raft (contract §7.2): reads and writes go on while it runs, and it is allowed
     * whatever alarm is raised. Answers {@code {}} without a header once done, as etcd does.
     */
    @Override
    public void defragment(DefragmentRequest request, StreamObserver<DefragmentResponse> observer) {
        Replies.completeOn(reads, observer, () -> {
            backend.defragment();
            return DefragmentResponse.getDefaultInstance();
        });
    }

    /**
     * etcd's text form of an AlarmMember (gogo's compact text, decimal unsigned ID, trailing space). Like any proto
     * text it leaves out a zero field: the CORRUPT alarm the corruption check raises for member 0 reads
     * {@code "alarm:CORRUPT "}, as etcd 3.4 shows it.
     */
    static String statusError(AlarmMember alarm) {
        String member = alarm.getMemberID() == 0 ? "" : "memberID:" + Long.toUnsignedString(alarm.getMemberID()) + " ";
        return member + "alarm:" + alarm.getAlarm() + " ";
    }

    /**
     * Every action goes through Raft, as in etcd, so GET is linearizable too. The header is filled as etcd 3.5+ does
     * (3.4 sends none).
     */
    @Override
    public void alarm(AlarmRequest request, StreamObserver<AlarmResponse> observer) {
        Replies.complete(observer, () -> raft.propose(InternalRequest.newBuilder().setAlarm(request).build())
                .thenApply(r -> r.getAlarm().toBuilder().setHeader(headers.stamp(r.getAlarm().getHeader())).build()));
    }

    /** A RocksDB checkpoint of this member's backend, streamed in etcd's framing ({@link SnapshotFile} format). */
    @Override
    @Blocking
    public void snapshot(SnapshotRequest request, StreamObserver<SnapshotResponse> observer) {
        SnapshotStreamer streamer = new SnapshotStreamer((ServerCallStreamObserver<SnapshotResponse>) observer);
        Path content = null;
        try {
            ResponseHeader header = headers.stamp(ResponseHeader.getDefaultInstance());
            content = SnapshotFile.writeContent(backend, backend.dir().getParent());
            if (streamer.send(content, header)) {
                observer.onCompleted();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            observer.onError(EtcdError.toStatus(e));
        } catch (IOException | RuntimeException e) {
            observer.onError(EtcdError.toStatus(e));
        } finally {
            deleteQuietly(content);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // A leftover temporary file only costs space; the snapshot itself succeeded or already failed.
        }
    }
}
