package io.revkv.store.api;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Where the API runs reads of the store, off the gRPC and HTTP event loops: RocksDB reads block. Two threads per
 * core, at least two. The member that owns it shuts it down first when the process stops, before the store closes.
 */
public final class ReadExecutor implements Executor {

    private final ExecutorService threads = Executors.newFixedThreadPool(
            Math.max(2, Runtime.getRuntime().availableProcessors() * 2), ReadExecutor::readThread);

    @Override
    public void execute(Runnable task) {
        threads.execute(task);
    }

    /** Takes no new reads; those already queued still run. */
    public void shutdown() {
        threads.shutdown();
    }

    private static Thread readThread(Runnable task) {
        Thread thread = new Thread(task, "revkv-read");
        thread.setDaemon(true);
        return thread;
    }
}
