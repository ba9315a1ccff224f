package io.revkv.store;

import io.revkv.proto.etcdserverpb.Member;
import io.revkv.proto.revkvpb.InternalRequest;
import io.revkv.proto.revkvpb.MemberChange;
import io.revkv.store.membership.MemberStore;
import io.revkv.store.raft.RaftMember;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Publishes this member's name and client URLs to the cluster through Raft once it has started (etcd's
 * {@code publish}), so that MemberList shows them everywhere and the member counts as started: the leader adds a
 * joining member to the Raft configuration only then. A member not yet in the configuration can still propose (its
 * Raft client reaches the leader). Tried every {@link #RETRY_MS} ms until the membership holds them.
 */
final class MemberPublication implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(MemberPublication.class);
    private static final long RETRY_MS = 1000;

    private final RaftMember raft;
    private final MemberStore members;
    private final Member attributes;
    private final AtomicBoolean inFlight = new AtomicBoolean();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "revkv-publish");
        thread.setDaemon(true);
        return thread;
    });

    private MemberPublication(RaftMember raft, MemberStore members, Member attributes) {
        this.raft = raft;
        this.members = members;
        this.attributes = attributes;
    }

    static MemberPublication start(RaftMember raft, MemberStore members, String name, List<String> clientUrls) {
        Member attributes = Member.newBuilder().setID(raft.identity().memberId()).setName(name)
                .addAllClientURLs(clientUrls).build();
        MemberPublication publication = new MemberPublication(raft, members, attributes);
        publication.executor.scheduleWithFixedDelay(publication::publishIfNeeded, 0, RETRY_MS, TimeUnit.MILLISECONDS);
        return publication;
    }

    private void publishIfNeeded() {
        if (published()) {
            executor.shutdown();
            return;
        }
        if (!inFlight.compareAndSet(false, true)) {
            return;
        }
        raft.propose(InternalRequest.newBuilder()
                        .setMemberChange(MemberChange.newBuilder().setPublish(attributes)).build())
                .whenComplete((response, error) -> {
                    inFlight.set(false);
                    if (error != null) {
                        LOG.debugf("publishing this member's attributes failed, will retry: %s", error.getMessage());
                    } else {
                        LOG.infof("published name %s and client URLs %s to the cluster", attributes.getName(),
                                attributes.getClientURLsList());
                    }
                });
    }

    private boolean published() {
        return members.byId(attributes.getID())
                .map(m -> m.getName().equals(attributes.getName())
                        && m.getClientURLsList().equals(attributes.getClientURLsList()))
                .orElse(false);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
