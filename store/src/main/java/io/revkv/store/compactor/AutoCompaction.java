package io.revkv.store.compactor;

import io.revkv.proto.etcdserverpb.CompactionRequest;
import io.revkv.proto.revkvpb.InternalRequest;
import io.revkv.store.raft.RaftMember;
import org.jboss.logging.Logger;

/**
 * A member's auto-compactor, wired: it runs on every member but only the Raft leader compacts (paused on the others,
 * following {@link io.revkv.store.raft.Leadership}), and each compaction is proposed through Raft as a client's
 * non-physical compaction would be, so every member compacts at the same revision.
 */
public final class AutoCompaction {

    private static final Logger LOG = Logger.getLogger(AutoCompaction.class);

    private AutoCompaction() {
    }

    /** Starts the compactor that {@code retention} asks for. The caller stops it on shutdown. */
    public static Compactor start(CompactionRetention retention, RaftMember raft, RevisionSource revisions,
                                  Clock clock) {
        Compactor compactor = retention.newCompactor(revisions, proposer(raft), clock);
        compactor.run();
        raft.leadership().addListener(leading -> {
            if (leading) {
                compactor.resume();
            } else {
                compactor.pause();
            }
        });
        LOG.infof("auto-compaction enabled: mode=%s", retention);
        return compactor;
    }

    static Compactable proposer(RaftMember raft) {
        return revision -> raft.propose(InternalRequest.newBuilder()
                .setCompaction(CompactionRequest.newBuilder().setRevision(revision))
                .build());
    }
}
