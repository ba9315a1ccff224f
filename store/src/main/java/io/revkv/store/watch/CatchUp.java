package io.revkv.store.watch;

import io.revkv.proto.mvccpb.Event;
import io.revkv.store.errors.EtcdError;
import io.revkv.store.errors.EtcdException;
import io.revkv.store.mvcc.History;
import io.revkv.store.mvcc.KvStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The loop that catches unsynced watchers up from disk (etcd's {@code syncWatchersLoop} and victim retries), on its
 * own thread. One pass:
 * <ol>
 *   <li>takes up to 512 unsynced watchers and cancels those that need history below the compact revision
 *       (one response with compact_revision, header revision 0; contract §4.5);</li>
 *   <li>reads, <em>without</em> holding the groups' monitor, at most 1000 revisions from the smallest minRev of the
 *       others, up to the revision published to watchers when the pass began;</li>
 *   <li>under the monitor, sends each watcher its events of that stretch in one response (header = the current
 *       revision) and advances its minRev; a watcher whose stream is full keeps its minRev for a later pass;</li>
 *   <li>a watcher now fewer than 100 revisions behind reads that tail under the monitor, so that it becomes synced
 *       even while writes go on; only a watcher that reached the current revision joins the synced group.</li>
 * </ol>
 * A pass that moved a watcher forward is followed at once by the next; otherwise the loop sleeps 100 ms or until
 * woken (a new unsynced watcher, a stream with room again).
 */
final class CatchUp implements Runnable {
    static final int MAX_REVISIONS = 1000;
    static final int WATCHERS_PER_PASS = 512;
    static final int TAIL_REVISIONS = 100;
    private static final Logger LOG = Logger.getLogger(CatchUp.class);

    private final KvStore store;
    private final Duration interval;
    private final Semaphore wakeups = new Semaphore(0);
    private final WatcherGroups groups;
    private volatile boolean closed;

    CatchUp(KvStore store, WatcherGroups groups, Duration interval) {
        this.store = store;
        this.groups = groups;
        this.interval = interval;
    }

    void wake() {
        if (wakeups.availablePermits() == 0) {
            wakeups.release();
        }
    }

    void close() {
        closed = true;
        wake();
    }

    @Override
    public void run() {
        while (!closed) {
            try {
                if (!pass()) {
                    wakeups.tryAcquire(interval.toMillis(), TimeUnit.MILLISECONDS);
                    wakeups.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!closed) {
                    LOG.errorf(e, "catching watchers up failed; retrying");
                }
            }
        }
    }

    /** One pass; true if some watcher moved forward (or was cancelled), so another pass is worth it now. */
    boolean pass() {
        List<Watcher> batch;
        long target;
        synchronized (groups) {
            batch = groups.unsyncedBatch(WATCHERS_PER_PASS);
            boolean cancelled = batch.removeIf(this::cancelIfCompacted);
            if (batch.isEmpty()) {
                return cancelled;
            }
            target = groups.currentRevision();
        }
        History history;
        try {
            history = store.history(minRev(batch), target, MAX_REVISIONS);
        } catch (EtcdException e) {
            if (e.error() != EtcdError.COMPACTED) {
                throw e;
            }
            return true;
        }
        synchronized (groups) {
            boolean progressed = deliver(batch, history, groups.currentRevision());
            return catchUpTail(batch) || progressed;
        }
    }

    private boolean cancelIfCompacted(Watcher watcher) {
        long compactRev = store.compactRevision();
        if (watcher.minRev >= compactRev) {
            return false;
        }
        groups.remove(watcher);
        watcher.stream.cancelCompacted(watcher, compactRev);
        return true;
    }

    /** Called holding the groups' monitor. */
    private boolean deliver(List<Watcher> watchers, History history, long currentRev) {
        boolean progressed = false;
        for (Watcher watcher : watchers) {
            if (!groups.isUnsynced(watcher) || watcher.minRev > history.lastRevision()) {
                continue;
            }
            List<Event> events = watcher.select(history.events());
            if (!events.isEmpty() && !watcher.stream.deliver(watcher, events, currentRev)) {
                continue;
            }
            watcher.minRev = history.lastRevision() + 1;
            progressed = true;
            if (watcher.minRev > currentRev) {
                groups.markSynced(watcher);
            }
        }
        return progressed;
    }

    /** Called holding the groups' monitor: no write can publish while the short tail is read. */
    private boolean catchUpTail(List<Watcher> batch) {
        long currentRev = groups.currentRevision();
        List<Watcher> near = batch.stream()
                .filter(w -> groups.isUnsynced(w) && currentRev - w.minRev < TAIL_REVISIONS).toList();
        if (near.isEmpty()) {
            return false;
        }
        try {
            return deliver(near, store.history(minRev(near), currentRev, TAIL_REVISIONS), currentRev);
        } catch (EtcdException e) {
            if (e.error() != EtcdError.COMPACTED) {
                throw e;
            }
            return true;
        }
    }

    private static long minRev(List<Watcher> watchers) {
        return watchers.stream().mapToLong(w -> w.minRev).min().orElseThrow();
    }
}
