package io.revkv.store.raft;

import io.revkv.proto.revkvpb.InternalBatch;
import io.revkv.proto.revkvpb.InternalBatchResponse;
import io.revkv.proto.revkvpb.InternalRequest;
import io.revkv.proto.revkvpb.InternalResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.IntSupplier;

/**
 * Group commit of proposals: a proposal goes into the log at once while fewer than {@code maxInFlight} entries are
 * being replicated; otherwise it waits, and when an entry completes, everything that waited goes into the next entry
 * together. A lone client therefore pays no wait, and many clients share one log append, fsync and Raft round trip.
 *
 * <p>Proposals keep their arrival order inside and across entries, and each still gets its own reply, error included.
 */
final class ProposalBatcher {

    private record Pending(InternalRequest request, CompletableFuture<InternalResponse> result) {
    }

    private final Function<InternalBatch, CompletableFuture<InternalBatchResponse>> log;
    private final IntSupplier maxInFlight;
    private final int maxBatchBytes;
    private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
    private int inFlight;

    /**
     * @param log           appends one entry and completes with what applying it produced
     * @param maxInFlight   how many entries may be replicated at once, asked before each entry
     * @param maxBatchBytes an entry takes more proposals while it stays under this size; a larger lone proposal
     *                      still goes alone
     */
    ProposalBatcher(Function<InternalBatch, CompletableFuture<InternalBatchResponse>> log, IntSupplier maxInFlight,
                    int maxBatchBytes) {
        this.log = log;
        this.maxInFlight = maxInFlight;
        this.maxBatchBytes = maxBatchBytes;
    }

    CompletableFuture<InternalResponse> propose(InternalRequest request) {
        Pending pending = new Pending(request, new CompletableFuture<>());
        List<Pending> entry;
        synchronized (this) {
            waiting.add(pending);
            entry = nextEntry();
        }
        append(entry);
        return pending.result();
    }

    /** The proposals for the next entry, or null when the pipeline is full or nothing waits. Holds the lock. */
    private List<Pending> nextEntry() {
        if (inFlight >= maxInFlight.getAsInt() || waiting.isEmpty()) {
            return null;
        }
        inFlight++;
        List<Pending> entry = new ArrayList<>();
        long bytes = 0;
        while (!waiting.isEmpty() && entry.size() < LogPosition.MAX_BATCH) {
            int size = waiting.peek().request().getSerializedSize();
            if (!entry.isEmpty() && bytes + size > maxBatchBytes) {
                break;
            }
            bytes += size;
            entry.add(waiting.poll());
        }
        return entry;
    }

    private void append(List<Pending> entry) {
        if (entry == null) {
            return;
        }
        InternalBatch.Builder batch = InternalBatch.newBuilder();
        entry.forEach(pending -> batch.addRequests(pending.request()));
        CompletableFuture<InternalBatchResponse> applied;
        try {
            applied = log.apply(batch.build());
        } catch (RuntimeException e) {
            applied = CompletableFuture.failedFuture(e);
        }
        applied.whenComplete((responses, error) -> {
            List<Pending> next;
            synchronized (this) {
                inFlight--;
                next = nextEntry();
            }
            deliver(entry, responses, error);
            append(next);
        });
    }

    private static void deliver(List<Pending> entry, InternalBatchResponse responses, Throwable failure) {
        Throwable error = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        for (int i = 0; i < entry.size(); i++) {
            CompletableFuture<InternalResponse> result = entry.get(i).result();
            if (error != null) {
                result.completeExceptionally(error);
                continue;
            }
            InternalResponse response = responses.getResponses(i);
            if (response.hasError()) {
                result.completeExceptionally(ReplicatedErrors.decode(response.getError()));
            } else {
                result.complete(response);
            }
        }
    }
}
