package io.revkv.store.raft;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Whether this member is the Raft leader, and who must know when that changes: work that only the leader does (the
 * auto-compactor, lease expiry) pauses when leadership is lost and resumes when it is regained.
 */
public final class Leadership {

    private final List<Consumer<Boolean>> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean leading;

    public boolean isLeader() {
        return leading;
    }

    /** Calls {@code listener} with the current state at once, then with every change, from Ratis' thread. */
    public void addListener(Consumer<Boolean> listener) {
        listeners.add(listener);
        listener.accept(leading);
    }

    synchronized void changed(boolean nowLeading) {
        if (leading != nowLeading) {
            leading = nowLeading;
            listeners.forEach(l -> l.accept(nowLeading));
        }
    }
}
