package io.revkv.store.raft;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.revkv.proto.etcdserverpb.PutRequest;
import io.revkv.proto.etcdserverpb.PutResponse;
import io.revkv.proto.etcdserverpb.ResponseHeader;
import io.revkv.proto.revkvpb.InternalBatch;
import io.revkv.proto.revkvpb.InternalBatchResponse;
import io.revkv.proto.revkvpb.InternalRequest;
import io.revkv.proto.revkvpb.InternalResponse;
import io.revkv.store.errors.EtcdError;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class ProposalBatcherTest {

    /** The log under test's control: every append waits until the test completes it. */
    private final List<InternalBatch> appended = new ArrayList<>();
    private final List<CompletableFuture<InternalBatchResponse>> pending = new ArrayList<>();

    private CompletableFuture<InternalBatchResponse> append(InternalBatch batch) {
        appended.add(batch);
        CompletableFuture<InternalBatchResponse> applied = new CompletableFuture<>();
        pending.add(applied);
        return applied;
    }

    /** Applies entry {@code n}: every put gets its own revision, a put of key "bad" fails as compacted. */
    private void apply(int n) {
        InternalBatchResponse.Builder responses = InternalBatchResponse.newBuilder();
        for (InternalRequest request : appended.get(n).getRequestsList()) {
            String key = request.getPut().getKey().toStringUtf8();
            responses.addResponses(key.equals("bad")
                    ? InternalResponse.newBuilder()
                            .setError(ReplicatedErrors.encode(EtcdError.COMPACTED.exception())).build()
                    : InternalResponse.newBuilder().setPut(PutResponse.newBuilder()
                            .setHeader(ResponseHeader.newBuilder().setRevision(key.hashCode()))).build());
        }
        pending.get(n).complete(responses.build());
    }

    private static InternalRequest put(String key) {
        return InternalRequest.newBuilder()
                .setPut(PutRequest.newBuilder().setKey(ByteString.copyFromUtf8(key)).setValue(ByteString.copyFromUtf8("v")))
                .build();
    }

    private static List<String> keys(InternalBatch batch) {
        return batch.getRequestsList().stream().map(r -> r.getPut().getKey().toStringUtf8()).toList();
    }

    @Test
    void aLoneProposalIsAppendedAtOnce() throws Exception {
        ProposalBatcher batcher = new ProposalBatcher(this::append, () -> 2, 1 << 20);
        CompletableFuture<InternalResponse> result = batcher.propose(put("a"));
        assertThat(appended).hasSize(1);
        assertThat(keys(appended.get(0))).containsExactly("a");
        apply(0);
        assertThat(result.get().getPut().getHeader().getRevision()).isEqualTo("a".hashCode());
    }

    @Test
    void proposalsWaitingOnAFullPipelineShareTheNextEntryInArrivalOrder() throws Exception {
        ProposalBatcher batcher = new ProposalBatcher(this::append, () -> 2, 1 << 20);
        CompletableFuture<InternalResponse> a = batcher.propose(put("a"));
        CompletableFuture<InternalResponse> b = batcher.propose(put("b"));
        List<CompletableFuture<InternalResponse>> waiting = new ArrayList<>();
        for (String key : List.of("c", "d", "e")) {
            waiting.add(batcher.propose(put(key)));
        }
        assertThat(appended).hasSize(2);

        apply(1);
        assertThat(b).isCompleted();
        assertThat(a).isNotDone();
        assertThat(appended).hasSize(3);
        assertThat(keys(appended.get(2))).containsExactly("c", "d", "e");

        apply(2);
        apply(0);
        assertThat(a.get().getPut().getHeader().getRevision()).isEqualTo("a".hashCode());
        assertThat(waiting.get(2).get().getPut().getHeader().getRevision()).isEqualTo("e".hashCode());
        assertThat(appended).hasSize(3);
    }

    @Test
    void eachProposalGetsItsOwnErrorAndAFailedEntryFailsAllOfIts() throws Exception {
        ProposalBatcher batcher = new ProposalBatcher(this::append, () -> 1, 1 << 20);
        batcher.propose(put("first"));
        CompletableFuture<InternalResponse> good = batcher.propose(put("good"));
        CompletableFuture<InternalResponse> bad = batcher.propose(put("bad"));
        pending.get(0).completeExceptionally(EtcdError.TIMEOUT.exception());
        assertThat(keys(appended.get(1))).containsExactly("good", "bad");
        CompletableFuture<InternalResponse> late = batcher.propose(put("late"));

        apply(1);
        assertThat(good.get().getPut().getHeader().getRevision()).isEqualTo("good".hashCode());
        assertThat(bad).failsWithin(java.time.Duration.ZERO).withThrowableOfType(ExecutionException.class)
                .havingCause().matches(EtcdError.COMPACTED::matches);
        pending.get(2).completeExceptionally(EtcdError.TIMEOUT.exception());
        assertThat(late).failsWithin(java.time.Duration.ZERO).withThrowableOfType(ExecutionException.class)
                .havingCause().matches(EtcdError.TIMEOUT::matches);
    }

    @Test
    void anEntryStopsTakingProposalsAtItsByteLimitButALargeOneStillGoesAlone() {
        int one = put("k1").getSerializedSize();
        ProposalBatcher batcher = new ProposalBatcher(this::append, () -> 1, 2 * one);
        batcher.propose(put("k0"));
        batcher.propose(put("k1"));
        batcher.propose(put("k2"));
        batcher.propose(put("k3"));
        batcher.propose(put("a-key-much-longer-than-the-limit-allows"));
        apply(0);
        assertThat(keys(appended.get(1))).containsExactly("k1", "k2");
        apply(1);
        assertThat(keys(appended.get(2))).containsExactly("k3");
        apply(2);
        assertThat(keys(appended.get(3))).containsExactly("a-key-much-longer-than-the-limit-allows");
    }
}
