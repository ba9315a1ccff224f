package io.revkv.store.corrupt;

import java.util.ArrayList;
import java.util.List;

/**
 * The comparison of the periodic check (etcd's {@code checkHashKV} of 3.4.23, {@code PeriodicCheck} of 3.5), run
 * on the leader. The leader hashes at its current revision ({@code before}), asks every peer for its hash at that
 * revision, waits for a read index and hashes again ({@code after}). Then:
 * <ol>
 *   <li>its own two hashes must agree when neither revision nor compact revision moved in between;</li>
 *   <li>a peer's revision must be at most the leader's {@code after} revision (a follower never gets ahead);</li>
 *   <li>a peer's compact revision must be at most the leader's {@code after} compact revision;</li>
 *   <li>a peer with the compact revision the leader had {@code before} must have the leader's {@code before} hash.</li>
 * </ol>
 * Peers that did not answer are skipped. Any violation raises one CORRUPT alarm. As etcd 3.4.23 and 3.5 do, the alarm
 * names member 0, not the peer: which side is corrupt is not known (etcd PR 14828).
 */
public final class PeriodicCheck {

    /** The member ID the CORRUPT alarm is raised for (etcd 3.4.23, 3.5). */
    public static final long ALARM_MEMBER_ID = 0;

    private PeriodicCheck() {
    }

    /** The outcome: whether to raise CORRUPT, the findings to log, how many peers answered. */
    public record Result(boolean corrupt, List<Finding> findings, int checked) {
    }

    public static Result compare(KvHash before, KvHash after, List<PeerHash> peers) {
        List<Finding> findings = new ArrayList<>();
        if (after.hash() != before.hash() && after.revision() == before.revision()
                && after.compactRevision() == before.compactRevision()) {
            findings.add(Finding.warn("found hash mismatch", "revision-1=" + before.revision()
                    + ", compact-revision-1=" + before.compactRevision() + ", hash-1=" + before.hash()
                    + ", revision-2=" + after.revision() + ", compact-revision-2=" + after.compactRevision()
                    + ", hash-2=" + after.hash()));
        }
        int checked = 0;
        for (PeerHash peer : peers) {
            if (peer instanceof PeerHash.Answered answered) {
                checked++;
                comparePeer(before, after, answered, findings);
            }
        }
        return new Result(!findings.isEmpty(), findings, checked);
    }

    private static void comparePeer(KvHash before, KvHash after, PeerHash.Answered peer, List<Finding> findings) {
        KvHash remote = peer.hash();
        String id = Long.toHexString(peer.memberId());
        if (remote.revision() > after.revision()) {
            findings.add(Finding.warn("revision from follower must be less than or equal to leader's",
                    "leader-revision=" + after.revision() + ", follower-revision=" + remote.revision()
                            + ", follower-peer-id=" + id));
        }
        if (remote.compactRevision() > after.compactRevision()) {
            findings.add(Finding.warn("compact revision from follower must be less than or equal to leader's",
                    "leader-compact-revision=" + after.compactRevision() + ", follower-compact-revision="
                            + remote.compactRevision() + ", follower-peer-id=" + id));
        }
        if (remote.compactRevision() == before.compactRevision() && remote.hash() != before.hash()) {
            findings.add(Finding.warn("same compact revision then hashes must match",
                    "leader-compact-revision=" + after.compactRevision() + ", leader-hash=" + before.hash()
                            + ", follower-compact-revision=" + remote.compactRevision() + ", follower-hash="
                            + remote.hash() + ", follower-peer-id=" + id));
        }
    }
}
