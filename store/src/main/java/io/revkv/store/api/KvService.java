package io.revkv.store.api;

import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.revkv.proto.etcdserverpb.CompactionRequest;
import io.revkv.proto.etcdserverpb.CompactionResponse;
import io.revkv.proto.etcdserverpb.DeleteRangeRequest;
import io.revkv.proto.etcdserverpb.DeleteRangeResponse;
import io.revkv.proto.etcdserverpb.KVGrpc;
import io.revkv.proto.etcdserverpb.PutRequest;
import io.revkv.proto.etcdserverpb.PutResponse;
import io.revkv.proto.etcdserverpb.RangeRequest;
import io.revkv.proto.etcdserverpb.RangeResponse;
import io.revkv.proto.etcdserverpb.TxnRequest;
import io.revkv.proto.etcdserverpb.TxnResponse;
import io.revkv.proto.revkvpb.InternalRequest;
import io.revkv.proto.revkvpb.InternalResponse;
import io.revkv.store.apply.Applier;
import io.revkv.store.apply.Quota;
import io.revkv.store.config.StoreConfig;
import io.revkv.store.errors.EtcdError;
import io.revkv.store.mvcc.KvStore;
import io.revkv.store.raft.RaftMember;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * etcd's KV service. Writes are validated, then proposed through Raft and answered with what the applier produced;
 * reads never enter the log: a linearizable read first waits for a Raft read index, a serializable one reads the
 * local store at once. No handler blocks a thread: reads run on the member's read executor.
 */
@GrpcService
public class KvService extends KVGrpc.KVImplBase {

    private final StoreConfig config;
    private final RaftMember raft;
    private final KvStore kv;
    private final Applier applier;
    private final ReadExecutor reads;
    private final ResponseHeaders headers;
    private final QuotaGate quota;

    public KvService(StoreConfig config, RaftMember raft, KvStore kv, Applier applier, ReadExecutor reads,
                     ResponseHeaders headers, QuotaGate quota) {
        this.config = config;
        this.raft = raft;
        this.kv = kv;
        this.applier = applier;
        this.reads = reads;
        this.headers = headers;
        this.quota = quota;
    }

    @Override
    public void range(RangeRequest request, StreamObserver<RangeResponse> observer) {
        Replies.complete(observer, () -> {
            KvRequestValidator.checkRange(request);
            return read(request.getSerializable(), () -> {
                RangeResponse r = applier.range(request);
                return r.toBuilder().setHeader(headers.stamp(r.getHeader())).build();
            });
        });
    }

    @Override
    public void put(PutRequest request, StreamObserver<PutResponse> observer) {
        Replies.complete(observer, () -> {
            KvRequestValidator.checkPut(request);
            return quota.admit(Quota.cost(request))
                    .thenCompose(admitted -> propose(InternalRequest.newBuilder().setPut(request).build()))
                    .thenApply(r -> r.getPut().toBuilder().setHeader(headers.stamp(r.getPut().getHeader())).build());
        });
    }

    @Override
    public void deleteRange(DeleteRangeRequest request, StreamObserver<DeleteRangeResponse> observer) {
        Replies.complete(observer, () -> {
            KvRequestValidator.checkDeleteRange(request);
            return propose(InternalRequest.newBuilder().setDeleteRange(request).build())
                    .thenApply(r -> r.getDeleteRange().toBuilder()
                            .setHeader(headers.stamp(r.getDeleteRange().getHeader())).build());
        });
    }

    @Override
    public void txn(TxnRequest request, StreamObserver<TxnResponse> observer) {
        Replies.complete(observer, () -> {
            KvRequestValidator.checkTxn(request, config.maxTxnOps());
            if (TxnKind.isReadOnly(request)) {
                return read(TxnKind.isSerializable(request), () -> {
                    TxnResponse r = applier.readOnlyTxn(request);
                    return r.toBuilder().setHeader(headers.stamp(r.getHeader())).build();
                });
            }
            return quota.admit(Quota.cost(request))
                    .thenCompose(admitted -> propose(InternalRequest.newBuilder().setTxn(request).build()))
                    .thenApply(r -> r.getTxn().toBuilder().setHeader(headers.stamp(r.getTxn().getHeader())).build());
        });
    }

    @Override
    public void compact(CompactionRequest request, StreamObserver<CompactionResponse> observer) {
        Replies.complete(observer, () -> propose(InternalRequest.newBuilder().setCompaction(request).build())
                .thenCompose(r -> physicallyDone(request).thenApply(done -> r))
                .thenApply(r -> r.getCompaction().toBuilder()
                        .setHeader(headers.stamp(r.getCompaction().getHeader())).build()));
    }

    /** A physical compaction answers once this member has deleted the compacted records and recorded it, as etcd's. */
    private CompletableFuture<Void> physicallyDone(CompactionRequest request) {
        return request.getPhysical() ? kv.lastCompaction() : CompletableFuture.completedFuture(null);
    }

    private CompletableFuture<InternalResponse> propose(InternalRequest request) {
        // etcd measures the request as it would enter the log.
        if (request.getSerializedSize() > config.maxRequestBytes()) {
            throw EtcdError.REQUEST_TOO_LARGE.statusException();
        }
        return raft.propose(request);
    }

    /**
     * Runs a read on the member's read executor, never on the event loop: after a Raft read index unless the read
     * is serializable.
     */
    private <T> CompletableFuture<T> read(boolean serializable, Supplier<T> read) {
        CompletableFuture<Void> ready = serializable ? CompletableFuture.completedFuture(null) : raft.readIndex();
        return ready.thenApplyAsync(ignored -> read.get(), reads);
    }
}
