package io.revkv.store.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.revkv.store.errors.EtcdError;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ReadBarrierTest {

    private final List<CompletableFuture<Void>> fetches = new ArrayList<>();
    /** The barrier's executor: what it hands on runs only when the test says. */
    private final Deque<Runnable> handedOn = new ArrayDeque<>();
    private final ReadBarrier barrier = new ReadBarrier(() -> {
        CompletableFuture<Void> fetch = new CompletableFuture<>();
        fetches.add(fetch);
        return fetch;
    }, handedOn::add);

    /** Completes a fetch as Ratis would, then lets the barrier's executor run what it was handed. */
    private void complete(int fetch) {
        fetches.get(fetch).complete(null);
        runHandedOn();
    }

    private void runHandedOn() {
        while (!handedOn.isEmpty()) {
            handedOn.poll().run();
        }
    }

    @Test
    void nothingRunsOnTheThreadThatCompletesAReadIndex() {
        CompletableFuture<Void> first = barrier.await();
        CompletableFuture<Void> second = barrier.await();
        fetches.get(0).complete(null);
        assertThat(first).isNotDone();
        assertThat(fetches).as("no fetch from within Ratis' completion").hasSize(1);

        runHandedOn();
        assertThat(first).isCompleted();
        assertThat(second).isNotDone();
        assertThat(fetches).hasSize(2);
    }

    @Test
    void readsArrivingDuringAFetchWaitForTheNextOneAndShareIt() {
        CompletableFuture<Void> first = barrier.await();
        CompletableFuture<Void> second = barrier.await();
        CompletableFuture<Void> third = barrier.await();
        assertThat(fetches).hasSize(1);

        complete(0);
        assertThat(first).isCompleted();
        assertThat(second).isNotDone();
        assertThat(third).isNotDone();
        assertThat(fetches).hasSize(2);

        complete(1);
        assertThat(second).isCompleted();
        assertThat(third).isCompleted();
        assertThat(fetches).hasSize(2);
    }

    @Test
    void aReadAfterAllRoundsCompletedFetchesAgain() {
        barrier.await();
        complete(0);
        CompletableFuture<Void> later = barrier.await();
        assertThat(fetches).hasSize(2);
        assertThat(later).isNotDone();
    }

    @Test
    void aFailedFetchFailsOnlyItsOwnRound() {
        CompletableFuture<Void> first = barrier.await();
        CompletableFuture<Void> second = barrier.await();
        fetches.get(0).completeExceptionally(EtcdError.TIMEOUT.exception());
        runHandedOn();
        assertThat(first).isCompletedExceptionally();
        assertThat(second).isNotDone();
        complete(1);
        assertThat(second).isCompleted();
    }
}
