package io.revkv.store.watch;

import io.revkv.proto.mvccpb.Event;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The synced and unsynced watchers (etcd's {@code watchableStore.synced/unsynced}), and the revision up to which the
 * synced ones have been notified. This object's monitor guards every watcher and stream of the store: whoever moves
 * a watcher between groups or changes its {@code minRev} holds it, so no revision falls between the disk read that
 * catches a watcher up and the notifications it gets once synced.
 *
 * <p>Matching is a scan over the synced watchers per committed txn (etcd keeps an interval tree; a scan is enough
 * for the watcher counts revkv serves today).
 */
final class WatcherGroups {
    private final Set<Watcher> synced = new LinkedHashSet<>();
    private final Set<Watcher> unsynced = new LinkedHashSet<>();
    private final Runnable wakeCatchUp;
    private long currentRev;

    WatcherGroups(long currentRev, Runnable wakeCatchUp) {
        this.currentRev = currentRev;
        this.wakeCatchUp = wakeCatchUp;
    }

    /** The last revision whose changes were published to watchers. */
    synchronized long currentRevision() {
        return currentRev;
    }

    /** A watcher that needs nothing before the next revision is synced at once; the others wait to be caught up. */
    synchronized void add(Watcher watcher) {
        if (watcher.minRev > currentRev) {
            synced.add(watcher);
        } else {
            unsynced.add(watcher);
            wakeCatchUp.run();
        }
    }

    /**
     * The store was replaced by a newer one (a snapshot installed) at {@code revision}: as etcd's restore does, every
     * synced watcher becomes unsynced from the revision after the last one it was sent, and catches up from the new
     * store's history (or is cancelled as compacted).
     */
    synchronized void restored(long revision) {
        for (Watcher watcher : synced) {
            watcher.minRev = Math.max(watcher.minRev, currentRev + 1);
            unsynced.add(watcher);
        }
        synced.clear();
        currentRev = revision;
        wakeCatchUp.run();
    }

    synchronized void remove(Watcher watcher) {
        synced.remove(watcher);
        unsynced.remove(watcher);
    }

    synchronized boolean isSynced(Watcher watcher) {
        return synced.contains(watcher);
    }

    synchronized boolean isUnsynced(Watcher watcher) {
        return unsynced.contains(watcher);
    }

    synchronized void markSynced(Watcher watcher) {
        unsynced.remove(watcher);
        synced.add(watcher);
    }

    /** Up to {@code max} unsynced watchers, oldest first. */
    synchronized List<Watcher> unsyncedBatch(int max) {
        List<Watcher> batch = new ArrayList<>();
        Iterator<Watcher> it = unsynced.iterator();
        while (it.hasNext() && batch.size() < max) {
            batch.add(it.next());
        }
        return batch;
    }

    /**
     * Publishes the changes of the committed txn at {@code revision}: each synced watcher gets its events of the txn
     * in one response. A watcher whose stream is full becomes unsynced from this revision on.
     */
    synchronized void notify(List<Event> changes, long revision) {
        currentRev = revision;
        boolean demoted = false;
        for (Iterator<Watcher> it = synced.iterator(); it.hasNext(); ) {
            Watcher watcher = it.next();
            if (watcher.minRev > revision) {
                continue;
            }
            List<Event> events = watcher.select(changes);
            if (!events.isEmpty() && !watcher.stream.deliver(watcher, events, revision)) {
                watcher.minRev = revision;
                it.remove();
                unsynced.add(watcher);
                demoted = true;
            }
        }
        if (demoted) {
            wakeCatchUp.run();
        }
    }
}
