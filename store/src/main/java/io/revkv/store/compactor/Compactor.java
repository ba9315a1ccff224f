package io.revkv.store.compactor;

/**
 * An automatic compactor (etcd's {@code v3compactor.Compactor}).
 *
 * <p>Lifecycle: {@link #run()} once, then any number of {@link #pause()}/{@link #resume()} (on leadership changes;
 * a paused compactor keeps sampling but never compacts), then {@link #stop()}, after which it never compacts again.
 * A new compactor is not paused.
 */
public interface Compactor extends AutoCloseable {

    /** Starts the compaction loop on the clock's scheduler; returns at once. */
    void run();

    void pause();

    void resume();

    /** Ends the loop; a compaction in flight completes, no further one starts. */
    void stop();

    @Override
    default void close() {
        stop();
    }
}
