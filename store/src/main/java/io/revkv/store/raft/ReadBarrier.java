package io.revkv.store.raft;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Shares Raft read indexes among concurrent linearizable reads (etcd's {@code linearizableReadLoop}): a read that
 * arrives while a read index is being fetched waits for the next one, which is fetched as soon as the current one
 * completes and serves every read that arrived meanwhile. A read never joins a round already under way: that round's
 * index may predate a write the reader saw acknowledged before it asked.
 *
 * <p>A round completes on {@code executor}, never on the thread that completed the read index: that is Ratis'
 * append-reply thread, inside a loop over its pending read indexes, and fetching the next one there modified what
 * it was looping over (ConcurrentModificationException in Ratis' ReadIndexHeartbeats, and a read index lost, so its
 * reads waited for their timeout); the readers' own work would also hold up the leader's log appender.
 */
final class ReadBarrier {

    private final Supplier<CompletableFuture<Void>> readIndex;
    private final Executor executor;
    private CompletableFuture<Void> nextRound;
    private boolean fetching;

    ReadBarrier(Supplier<CompletableFuture<Void>> readIndex, Executor executor) {
        this.readIndex = readIndex;
        this.executor = executor;
    }

    /** Completes once this member has applied everything committed before the call. */
    CompletableFuture<Void> await() {
        CompletableFuture<Void> round;
        boolean start;
        synchronized (this) {
            if (nextRound == null) {
                nextRound = new CompletableFuture<>();
            }
            round = nextRound;
            start = !fetching;
            if (start) {
                fetching = true;
                nextRound = null;
            }
        }
        if (start) {
            fetch(round);
        }
        return round;
    }

    private void fetch(CompletableFuture<Void> round) {
        CompletableFuture<Void> fetched;
        try {
            fetched = readIndex.get();
        } catch (RuntimeException e) {
            fetched = CompletableFuture.failedFuture(e);
        }
        fetched.whenCompleteAsync((ignored, error) -> {
            CompletableFuture<Void> waiting;
            synchronized (this) {
                waiting = nextRound;
                nextRound = null;
                fetching = waiting != null;
            }
            if (error != null) {
                round.completeExceptionally(error);
            } else {
                round.complete(null);
            }
            if (waiting != null) {
                fetch(waiting);
            }
        }, executor);
    }
}
