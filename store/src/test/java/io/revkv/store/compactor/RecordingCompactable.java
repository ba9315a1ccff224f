package io.revkv.store.compactor;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Records each compaction asked for (when, to which revision) and answers with the outcomes queued, else success. */
final class RecordingCompactable implements Compactable {

    record Call(Duration at, long revision) {
    }

    private final FakeClock clock;
    private final List<Call> calls = new ArrayList<>();
    private final Deque<RuntimeException> failures = new ArrayDeque<>();

    RecordingCompactable(FakeClock clock) {
        this.clock = clock;
    }

    /** The next compaction fails with {@code error}. */
    void failNextWith(RuntimeException error) {
        failures.add(error);
    }

    @Override
    public CompletableFuture<?> compact(long revision) {
        calls.add(new Call(clock.elapsed(), revision));
        RuntimeException failure = failures.poll();
        return failure == null ? CompletableFuture.completedFuture(null) : CompletableFuture.failedFuture(failure);
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    static Call call(Duration at, long revision) {
        return new Call(at, revision);
    }
}
