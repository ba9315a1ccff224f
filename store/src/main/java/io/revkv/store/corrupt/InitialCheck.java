package io.revkv.store.corrupt;

import java.util.ArrayList;
import java.util.List;

/**
 * The comparison of {@code --experimental-initial-corrupt-check} (etcd's {@code CheckInitialHashKV} of 3.4, the
 * {@code InitialCheck} of 3.5): this member hashed at its current revision, each peer at the same revision.
 *
 * <p>Only a hash that differs at the same compact revision is a mismatch: a peer that compacted differently hashes
 * other history, a peer behind the revision (future revision) or ahead of it past compaction (compacted) cannot be
 * compared, and an unreachable peer proves nothing. Each of these is logged and the start goes on; one mismatch stops
 * it with {@link #inconsistency}.
 *
 * <p>Example: local hash 7 at revision 10, compact revision 4. Peer A answers 7 (compact 4): fine. Peer B answers
 * 9 (compact 6): "found different compact revision values from remote peer", not a mismatch. Peer C answers 9
 * (compact 4): "found different hash values from remote peer", a mismatch: the member refuses to start.
 */
public final class InitialCheck {

    private InitialCheck() {
    }

    /** The outcome: the findings to log and how many peers mismatched. */
    public record Result(int mismatches, List<Finding> findings) {

        public boolean passed() {
            return mismatches == 0;
        }
    }

    public static Result compare(long self, KvHash local, List<PeerHash> peers) {
        List<Finding> findings = new ArrayList<>();
        int mismatches = 0;
        for (PeerHash peer : peers) {
            if (peer instanceof PeerHash.Failed failed) {
                failure(self, local, failed, findings);
                continue;
            }
            PeerHash.Answered answered = (PeerHash.Answered) peer;
            KvHash remote = answered.hash();
            if (remote.hash() == local.hash()) {
                continue;
            }
            boolean sameCompaction = remote.compactRevision() == local.compactRevision();
            findings.add(Finding.warn(sameCompaction ? "found different hash values from remote peer"
                    : "found different compact revision values from remote peer", fields(self, local, answered)));
            mismatches += sameCompaction ? 1 : 0;
        }
        return new Result(mismatches, findings);
    }

    /** etcd's error when the initial check found a mismatch, which ends the process. */
    public static String inconsistency(long self) {
        return Long.toHexString(self) + " found data inconsistency with peers";
    }

    private static void failure(long self, KvHash local, PeerHash.Failed failed, List<Finding> findings) {
        String message = switch (failed.reason()) {
            case FUTURE_REV -> "cannot fetch hash from slow remote peer";
            case COMPACTED -> "cannot fetch hash from remote peer; local member is behind";
            case CLUSTER_ID_MISMATCH -> "cluster ID mismatch";
            // etcd logged "failed hash kv request" for each endpoint already, and says no more here.
            case UNAVAILABLE -> null;
        };
        if (message != null) {
            findings.add(Finding.warn(message, localFields(self, local) + ", remote-peer-id="
                    + Long.toHexString(failed.memberId()) + ", remote-peer-endpoints=" + failed.endpoints()
                    + ", error=" + failed.error()));
        }
    }

    private static String fields(long self, KvHash local, PeerHash.Answered peer) {
        return localFields(self, local) + ", remote-peer-id=" + Long.toHexString(peer.memberId())
                + ", remote-peer-endpoints=" + peer.endpoints() + ", remote-peer-revision=" + peer.hash().revision()
                + ", remote-peer-compact-revision=" + peer.hash().compactRevision() + ", remote-peer-hash="
                + peer.hash().hash();
    }

    private static String localFields(long self, KvHash local) {
        return "local-member-id=" + Long.toHexString(self) + ", local-member-revision=" + local.revision()
                + ", local-member-compact-revision=" + local.compactRevision() + ", local-member-hash=" + local.hash();
    }
}
