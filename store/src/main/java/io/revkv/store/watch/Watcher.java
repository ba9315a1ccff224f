package io.revkv.store.watch;

import io.revkv.proto.etcdserverpb.WatchCreateRequest;
import io.revkv.proto.mvccpb.Event;
import java.util.ArrayList;
import java.util.List;

/**
 * One watch of one stream. Its mutable fields are guarded by the {@link WatcherGroups} monitor.
 *
 * <p>{@code minRev} is the next revision the watcher needs: a synced watcher gets every later change as it
 * commits; an unsynced one is caught up from disk starting there.
 */
final class Watcher {
    final WatchStream stream;
    final long id;
    final KeyRange range;
    /** The requested start revision, 0 for "from now". */
    final long startRev;
    final boolean prevKv;
    final boolean progressNotify;
    final boolean fragment;
    private final boolean noPut;
    private final boolean noDelete;
    long minRev;
    /** No events went out since the last progress tick: the next tick sends a progress notification. */
    boolean progressDue = true;

    Watcher(WatchStream stream, long id, KeyRange range, WatchCreateRequest request, long minRev) {
        this.stream = stream;
        this.id = id;
        this.range = range;
        this.startRev = request.getStartRevision();
        this.prevKv = request.getPrevKv();
        this.progressNotify = request.getProgressNotify();
        this.fragment = request.getFragment();
        this.noPut = request.getFiltersList().contains(WatchCreateRequest.FilterType.NOPUT);
        this.noDelete = request.getFiltersList().contains(WatchCreateRequest.FilterType.NODELETE);
        this.minRev = minRev;
    }

    /** The events this watcher is sent out of {@code events}: in its range, not before minRev, not filtered. */
    List<Event> select(List<Event> events) {
        List<Event> selected = new ArrayList<>();
        for (Event event : events) {
            if (event.getKv().getModRevision() >= minRev && range.contains(event.getKv().getKey())
                    && !filtered(event)) {
                selected.add(event);
            }
        }
        return selected;
    }

    private boolean filtered(Event event) {
        return event.getType() == Event.EventType.PUT ? noPut : noDelete;
    }

    /** Waits for a start revision the store has not reached: no progress notifications yet (etcd#20221). */
    boolean awaitsFuture(long currentRev) {
        return startRev > currentRev;
    }
}
