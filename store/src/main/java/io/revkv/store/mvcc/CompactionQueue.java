package io.revkv.store.mvcc;

import io.revkv.store.backend.Backend;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The single background thread that runs {@link CompactionJob}s one after the other, in the order they were
 * scheduled (etcd's FIFO scheduler): a job only deletes what its own compaction made obsolete, so order matters.
 */
final class CompactionQueue implements AutoCloseable {
    private final Backend backend;
    private final Index index;
    private final CompactionSettings settings;
    private final Consumer<CompactionReport> finished;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "revkv-compaction");
        thread.setDaemon(true);
        return thread;
    });
    private volatile CompletableFuture<Void> last = CompletableFuture.completedFuture(null);

    CompactionQueue(Backend backend, Index index, CompactionSettings settings, Consumer<CompactionReport> finished) {
        this.backend = backend;
        this.index = index;
        this.settings = settings;
        this.finished = finished;
    }

    /**
     * Queues the index compaction and disk deletion of a compaction at {@code revision}, whose scheduled mark is
     * committed; completes when its finished mark is committed.
     */
    synchronized CompletableFuture<Void> submit(long revision) {
        CompactionJob job = new CompactionJob(backend, index, settings, revision, stop, finished);
        last = CompletableFuture.runAsync(job::run, executor);
        return last;
    }

    /** Completes when the most recently queued job ends, and so every job queued before it. */
    CompletableFuture<Void> last() {
        return last;
    }

    /** Stops the running job between two batches and drops the queued ones; reopening the store resumes them. */
    @Override
    public void close() {
        stop.countDown();
        executor.shutdown();
        try {
            if (!executor.awaitTermination(1, TimeUnit.MINUTES)) {
                throw new IllegalStateException("compaction thread did not stop within a minute");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
