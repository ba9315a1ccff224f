package io.revkv.store.watch;

import io.revkv.store.mvcc.ForwardingKvStore;
import io.revkv.store.mvcc.KvStore;
import io.revkv.store.mvcc.ReplaceableStore;
import io.revkv.store.mvcc.WriteTxn;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A {@link KvStore} that watchers can watch (etcd's {@code watchableStore}): every call goes to the wrapped store;
 * write txns additionally publish their changes, once committed, to the synced watchers. A compaction leaves
 * synced watchers alone; unsynced ones below the new compact revision are cancelled as they sync.
 *
 * <p>Threads it owns: the catch-up loop ({@code revkv-watch-sync}), a small pool that sends responses to clients
 * ({@code revkv-watch-send}) and a timer for progress notifications ({@code revkv-watch-progress}). Publishing on the
 * write path only queues responses: it never waits for a client.
 */
public final class WatchableStore extends ForwardingKvStore {
    private static final int SENDER_THREADS = 2;

    /** The store, replaceable when a snapshot from the leader is installed ({@link #replace}). */
    private final ReplaceableStore store;
    private final WatchSettings settings;
    private final WatcherGroups groups;
    private final CatchUp catchUp;
    private final ResponseRenderer renderer;
    private final Thread catchUpThread;
    private final ExecutorService senders = Executors.newFixedThreadPool(SENDER_THREADS, daemon("revkv-watch-send"));
    private final ScheduledExecutorService timers =
            Executors.newSingleThreadScheduledExecutor(daemon("revkv-watch-progress"));

    public WatchableStore(KvStore store, WatchSettings settings) {
        this(new ReplaceableStore(store), settings);
    }

    private WatchableStore(ReplaceableStore store, WatchSettings settings) {
        super(store);
        this.store = store;
        this.settings = settings;
        this.groups = new WatcherGroups(store.currentRevision(), this::wakeCatchUp);
        this.catchUp = new CatchUp(store, groups, settings.syncInterval());
        this.renderer = new ResponseRenderer(store, settings.fragmentBytes());
        this.catchUpThread = daemon("revkv-watch-sync").newThread(catchUp);
        catchUpThread.start();
    }

    /** A new client stream whose responses go to {@code sink}. */
    public WatchStream openStream(WatchSink sink) {
        Outbox outbox = new Outbox(settings.streamCapacity(), sink, renderer, senders, this::wakeCatchUp);
        return new WatchStream(groups, outbox, settings.progressInterval(), timers);
    }

    /**
     * Replaces the wrapped store by the one {@code reopen} opens (a snapshot from the leader installed, see
     * {@link ReplaceableStore#replace}); watchers then catch up on the new store's history.
     */
    public void replace(Supplier<KvStore> reopen) {
        store.replace(reopen);
        groups.restored(store.currentRevision());
    }

    private void wakeCatchUp() {
        catchUp.wake();
    }

    @Override
    public WriteTxn write(long consistentIndex) {
        return new NotifyingWriteTxn(store.write(consistentIndex), groups);
    }

    /** Stops the watch threads, then closes the wrapped store. */
    @Override
    public void close() {
        catchUp.close();
        try {
            catchUpThread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timers.shutdownNow();
        senders.shutdownNow();
        store.close();
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
