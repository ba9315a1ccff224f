package io.revkv.store.watch;

import io.revkv.proto.etcdserverpb.WatchResponse;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import org.jboss.logging.Logger;

/**
 * The responses of one stream on their way to the client, in the order they were offered (etcd's per-stream watch
 * channel). Offering never blocks: it is called from the write path.
 *
 * <p>Events and progress notifications are refused once {@code capacity} responses wait; the watcher concerned then
 * drops out of the synced group. Control responses (created, canceled) are always taken, so that a client learns
 * what became of its requests. A drain task on the shared executor renders responses ({@link ResponseRenderer})
 * and hands them to the sink while it is ready; the sink's ready callback restarts it. Once a refused offer's
 * backlog has halved, {@code onRoom} tells the catch-up loop to retry.
 */
final class Outbox {
    private static final Logger LOG = Logger.getLogger(Outbox.class);

    /** A response as queued: prev_kv is looked up and fragments cut only when it is sent (etcd alike). */
    record Outgoing(WatchResponse response, boolean prevKv, boolean fragment) {
        static Outgoing control(WatchResponse response) {
            return new Outgoing(response, false, false);
        }
    }

    private final ArrayDeque<Outgoing> queue = new ArrayDeque<>();
    private final int capacity;
    private final WatchSink sink;
    private final ResponseRenderer renderer;
    private final Executor executor;
    private final Runnable onRoom;
    private boolean draining;
    private boolean refused;
    private boolean closed;

    Outbox(int capacity, WatchSink sink, ResponseRenderer renderer, Executor executor, Runnable onRoom) {
        this.capacity = capacity;
        this.sink = sink;
        this.renderer = renderer;
        this.executor = executor;
        this.onRoom = onRoom;
    }

    /** Queues an event or progress response; false when the stream is full. A closed outbox swallows it. */
    synchronized boolean offer(Outgoing outgoing) {
        if (closed) {
            return true;
        }
        if (queue.size() >= capacity) {
            refused = true;
            return false;
        }
        queue.add(outgoing);
        schedule();
        return true;
    }

    synchronized void offerControl(WatchResponse response) {
        if (!closed) {
            queue.add(Outgoing.control(response));
            schedule();
        }
    }

    /** Starts a drain unless one runs; also the sink's ready callback. */
    synchronized void schedule() {
        if (!draining && !closed && !queue.isEmpty()) {
            draining = true;
            executor.execute(this::drain);
        }
    }

    /** Drops what is queued: the client is gone. */
    synchronized void close() {
        closed = true;
        queue.clear();
    }

    private void drain() {
        for (Outgoing next = next(); next != null; next = next()) {
            try {
                renderer.render(next).forEach(sink::send);
            } catch (RuntimeException e) {
                LOG.debugf(e, "a watch stream failed to send; dropping its responses");
                close();
            }
        }
    }

    private synchronized Outgoing next() {
        if (closed || queue.isEmpty() || !sink.isReady()) {
            draining = false;
            return null;
        }
        Outgoing next = queue.poll();
        if (refused && queue.size() <= capacity / 2) {
            refused = false;
            onRoom.run();
        }
        return next;
    }
}
