package io.revkv.store;

import io.quarkus.runtime.Quarkus;
import io.revkv.store.membership.MemberStore;
import io.revkv.store.raft.RaftMember;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Stops this member once it has been removed from the cluster, as etcd's does: when the membership it applied no
 * longer has it, and the Raft configuration no longer has it either (before that, the rest of the cluster may still
 * need its vote to commit the configuration that removes it). A removed follower may never learn that the
 * configuration without it was committed (the leader stops sending to it): it stops {@link #GRACE_MS} ms after it
 * applied its removal in any case.
 */
final class RemovalWatch {

    private static final Logger LOG = Logger.getLogger(RemovalWatch.class);

    private final RaftMember raft;
    private final MemberStore members;
    static final long GRACE_MS = 5000;

    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicBoolean graceStarted = new AtomicBoolean();

    RemovalWatch(RaftMember raft, MemberStore members) {
        this.raft = raft;
        this.members = members;
    }

    void check() {
        if (!members.isRemoved(raft.identity().memberId())) {
            return;
        }
        if (!raft.inConfiguration()) {
            stop();
        } else if (graceStarted.compareAndSet(false, true)) {
            CompletableFuture.delayedExecutor(GRACE_MS, TimeUnit.MILLISECONDS).execute(this::stop);
        }
    }

    private void stop() {
        if (stopping.compareAndSet(false, true)) {
            LOG.warnf("the member has been permanently removed from the cluster (member %x); stopping",
                    raft.identity().memberId());
            Quarkus.asyncExit(0);
        }
    }
}
