package io.revkv.store.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.revkv.store.errors.EtcdError;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ReadBarrierTest {

    private final List<CompletableFuture<Void>> fetches = new ArrayList<>();
    private final ReadBarrier barrier = new ReadBarrier(() -> {
        CompletableFuture<Void> fetch = new CompletableFuture<>();
        fetches.add(fetch);
        return fetch;
    });

    @Test
    void readsArrivingDuringAFetchWaitForTheNextOneAndShareIt() {
        CompletableFuture<Void> first = barrier.await();
        CompletableFuture<Void> second = barrier.await();
        CompletableFuture<Void> third = barrier.await();
        assertThat(fetches).hasSize(1);

        fetches.get(0).complete(null);
        assertThat(first).isCompleted();
        assertThat(second).isNotDone();
        assertThat(third).isNotDone();
        assertThat(fetches).hasSize(2);

        fetches.get(1).complete(null);
        assertThat(second).isCompleted();
        assertThat(third).isCompleted();
        assertThat(fetches).hasSize(2);
    }

    @Test
    void aReadAfterAllRoundsCompletedFetchesAgain() {
        barrier.await();
        fetches.get(0).complete(null);
        CompletableFuture<Void> later = barrier.await();
        assertThat(fetches).hasSize(2);
        assertThat(later).isNotDone();
    }

    @Test
    void aFailedFetchFailsOnlyItsOwnRound() {
        CompletableFuture<Void> first = barrier.await();
        CompletableFuture<Void> second = barrier.await();
        fetches.get(0).completeExceptionally(EtcdError.TIMEOUT.exception());
        assertThat(first).isCompletedExceptionally();
        assertThat(second).isNotDone();
        fetches.get(1).complete(null);
        assertThat(second).isCompleted();
    }
}
