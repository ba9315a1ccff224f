package io.revkv.store.watch;

import io.revkv.proto.etcdserverpb.WatchCreateRequest;
import io.revkv.proto.mvccpb.Event;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The watchers of one client stream (etcd's {@code watchStream} plus the bookkeeping of its gRPC
 * {@code serverWatchStream}): watch IDs, create/cancel/progress requests, the progress ticker, and the
 * {@link Outbox} every response of the stream goes through, so that a watch's created reply precedes its events
 * and a progress reply follows the events queued before it.
 *
 * <p>Every method takes the {@link WatcherGroups} monitor, which guards the watchers of all streams.
 */
public final class WatchStream {
    private final WatcherGroups groups;
    private final Outbox outbox;
    private final Duration progressInterval;
    private final ScheduledExecutorService timers;
    private final Map<Long, Watcher> watchers = new HashMap<>();
    /** The next automatic watch ID: etcd counts from 0 per stream and skips IDs in use. */
    private long nextId;
    private ScheduledFuture<?> ticker;
    private boolean closed;

    WatchStream(WatcherGroups groups, Outbox outbox, Duration progressInterval, ScheduledExecutorService timers) {
        this.groups = groups;
        this.outbox = outbox;
        this.progressInterval = progressInterval;
        this.timers = timers;
        synchronized (groups) {
            scheduleTick();
        }
    }

    /**
     * A create request (contract §8.1): refused with created+canceled, watch_id -1 and etcd's reason for an empty
     * range, a negative start revision or an ID in use; otherwise answered {created, watch_id} and registered,
     * synced when it starts after the current revision, else caught up from disk.
     */
    public void create(WatchCreateRequest request) {
        synchronized (groups) {
            if (closed) {
                return;
            }
            long currentRev = groups.currentRevision();
            KeyRange range = KeyRange.of(request.getKey(), request.getRangeEnd());
            CancelReason refusal = refusal(request, range);
            if (refusal != null) {
                outbox.offerControl(Responses.refused(refusal, currentRev));
                return;
            }
            long id = request.getWatchId() != 0 ? request.getWatchId() : nextFreeId();
            long start = request.getStartRevision();
            Watcher watcher = new Watcher(this, id, range, request, start == 0 ? currentRev + 1 : start);
            watchers.put(id, watcher);
            outbox.offerControl(Responses.created(id, currentRev));
            groups.add(watcher);
        }
    }

    /** etcd's order of checks: the range, then the start revision (3.6), then the ID. */
    private CancelReason refusal(WatchCreateRequest request, KeyRange range) {
        if (range.isEmpty()) {
            return CancelReason.EMPTY_RANGE;
        }
        if (request.getStartRevision() < 0) {
            return CancelReason.COMPACTED;
        }
        if (request.getWatchId() != 0 && watchers.containsKey(request.getWatchId())) {
            return CancelReason.DUPLICATE_ID;
        }
        return null;
    }

    private long nextFreeId() {
        while (watchers.containsKey(nextId)) {
            nextId++;
        }
        return nextId++;
    }

    /** Cancels a watch of this stream: {watch_id, canceled}; an unknown ID gets no reply at all. */
    public void cancel(long watchId) {
        synchronized (groups) {
            Watcher watcher = watchers.remove(watchId);
            if (watcher != null) {
                groups.remove(watcher);
                outbox.offerControl(Responses.canceled(watchId, groups.currentRevision()));
            }
        }
    }

    /**
     * A progress request: {watch_id -1, header.revision = current} after the events already queued, only when
     * every watcher of the stream is synced and none waits for a future start revision; otherwise nothing.
     */
    public void requestProgress() {
        synchronized (groups) {
            long currentRev = groups.currentRevision();
            boolean allSynced = watchers.values().stream()
                    .allMatch(w -> groups.isSynced(w) && !w.awaitsFuture(currentRev));
            if (allSynced && !watchers.isEmpty()) {
                outbox.offer(Outbox.Outgoing.control(Responses.progress(Responses.INVALID_ID, currentRev)));
            }
        }
    }

    /** The transport can take responses again. */
    public void onReady() {
        outbox.schedule();
    }

    /** The client is gone: its watchers leave the store and what was queued for it is dropped. */
    public void close() {
        synchronized (groups) {
            closed = true;
            watchers.values().forEach(groups::remove);
            watchers.clear();
            ticker.cancel(false);
            outbox.close();
        }
    }

    /** Queues events for a watcher; false when the stream is full. Called holding the groups' monitor. */
    boolean deliver(Watcher watcher, List<Event> events, long headerRevision) {
        boolean taken = outbox.offer(new Outbox.Outgoing(Responses.events(watcher.id, headerRevision, events),
                watcher.prevKv, watcher.fragment));
        if (taken) {
            watcher.progressDue = false;
        }
        return taken;
    }

    /** Called holding the groups' monitor, the watcher already out of its group. */
    void cancelCompacted(Watcher watcher, long compactRevision) {
        watchers.remove(watcher.id);
        outbox.offerControl(Responses.compacted(watcher.id, compactRevision));
    }

    /** etcd adds up to 10 % of random jitter to each stream's ticker. */
    private void scheduleTick() {
        long millis = progressInterval.toMillis();
        long delay = millis + ThreadLocalRandom.current().nextLong(millis / 10 + 1);
        ticker = timers.schedule(this::tick, delay, TimeUnit.MILLISECONDS);
    }

    /**
     * Progress for each progress_notify watcher that is synced, not waiting for a future start revision, and sent
     * no events since the last tick; dropped when the stream is full.
     */
    private void tick() {
        synchronized (groups) {
            if (closed) {
                return;
            }
            long currentRev = groups.currentRevision();
            for (Watcher watcher : watchers.values()) {
                if (watcher.progressNotify && watcher.progressDue && groups.isSynced(watcher)
                        && !watcher.awaitsFuture(currentRev)) {
                    outbox.offer(Outbox.Outgoing.control(Responses.progress(watcher.id, currentRev)));
                }
                watcher.progressDue = true;
            }
            scheduleTick();
        }
    }
}
