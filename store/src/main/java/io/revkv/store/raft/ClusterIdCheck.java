package io.revkv.store.raft;

import io.revkv.proto.etcdserverpb.Member;
import io.revkv.proto.etcdserverpb.MemberListResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Says why a member finds no leader when its peers belong to another cluster: started with another
 * {@code --initial-cluster-token}, or a member whose data belongs to a cluster since re-created. Ratis only sees a
 * request for a group it does not serve; etcd logs the two cluster IDs, and so does this check, in etcd's words, for
 * each peer whose cluster differs, as long as this member knows no leader.
 */
final class ClusterIdCheck implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ClusterIdCheck.class);
    static final Duration INTERVAL = Duration.ofSeconds(5);

    private final long localClusterId;
    private final Map<Long, URI> peers;
    private final BooleanSupplier hasLeader;
    private final RemoteMembership remote;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "revkv-cluster-id-check");
        thread.setDaemon(true);
        return thread;
    });

    /** @param peers the other members' peer URLs by member ID, as this member's membership lists them */
    ClusterIdCheck(long localClusterId, Map<Long, URI> peers, BooleanSupplier hasLeader, RemoteMembership remote) {
        this.localClusterId = localClusterId;
        this.peers = Map.copyOf(peers);
        this.hasLeader = hasLeader;
        this.remote = remote;
    }

    /** The other members' peer URLs by member ID. */
    static Map<Long, URI> peersOf(List<Member> members, long self) {
        return members.stream().filter(m -> m.getID() != self && m.getPeerURLsCount() > 0)
                .collect(Collectors.toMap(Member::getID, m -> URI.create(m.getPeerURLs(0))));
    }

    ClusterIdCheck start() {
        timer.scheduleWithFixedDelay(this::checkOnce, INTERVAL.toMillis(), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void checkOnce() {
        if (hasLeader.getAsBoolean()) {
            return;
        }
        peers.forEach((id, url) -> {
            try {
                MemberListResponse theirs = remote.ask(url).members();
                mismatch(localClusterId, id, url, theirs).ifPresent(LOG::warn);
            } catch (IOException | RuntimeException e) {
                LOG.debugf("cannot ask %s for its cluster: %s", url, e.getMessage());
            }
        });
    }

    /**
     * etcd's rafthttp line for a peer whose cluster differs from this member's, naming the peer by the ID its own
     * cluster gives it when it is listed there by its peer URL.
     */
    static Optional<String> mismatch(long localClusterId, long peerId, URI peerUrl,
            MemberListResponse theirs) {
        long remoteClusterId = theirs.getHeader().getClusterId();
        if (remoteClusterId == localClusterId) {
            return Optional.empty();
        }
        long remoteId = theirs.getMembersList().stream()
                .filter(m -> m.getPeerURLsList().contains(peerUrl.toString()))
                .mapToLong(Member::getID).findFirst().orElse(peerId);
        return Optional.of(String.format(
                "request sent was ignored (cluster ID mismatch: remote[%x]=%x, local=%x)",
                remoteId, remoteClusterId, localClusterId));
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

}
