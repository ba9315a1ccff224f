package io.revkv.store.raft;

import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;

/**
 * The log index this member has applied, and the callers waiting for it to reach theirs. A member that forwarded a
 * proposal to the leader answers its client only once it has applied the entry itself, as etcd's members do: a
 * client that wrote through a member and then reads from it serializably sees its write.
 */
final class AppliedIndex {

    private record Waiter(long index, CompletableFuture<Void> future) {
    }

    private final PriorityQueue<Waiter> waiters = new PriorityQueue<>((a, b) -> Long.compare(a.index, b.index));
    private long applied;

    /** Completes once entries up to {@code index} are applied here. */
    synchronized CompletableFuture<Void> await(long index) {
        if (index <= applied) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> future = new CompletableFuture<>();
        waiters.add(new Waiter(index, future));
        return future;
    }

    /** Called by the state machine after each applied entry (and when a snapshot moves it forward). */
    void applied(long index) {
        Waiter ready;
        synchronized (this) {
            applied = Math.max(applied, index);
        }
        while ((ready = next(index)) != null) {
            ready.future.complete(null);
        }
    }

    private synchronized Waiter next(long index) {
        Waiter head = waiters.peek();
        return head != null && head.index <= index ? waiters.poll() : null;
    }
}
