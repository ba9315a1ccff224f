package io.revkv.store.corrupt;

import java.util.List;

/** What asking one other member for its HashKV at a revision gave: its hash, or why there is none. */
public sealed interface PeerHash {

    /** The member asked. */
    long memberId();

    /** The client URLs it was asked at. */
    List<String> endpoints();

    /** The member answered with {@code hash}. */
    record Answered(long memberId, List<String> endpoints, KvHash hash) implements PeerHash {
    }

    /** No endpoint of the member answered; {@code error} is the last endpoint's error. */
    record Failed(long memberId, List<String> endpoints, Reason reason, String error) implements PeerHash {
    }

    /** The errors the checks tell apart (etcd's {@code rpctypes} errors from a peer's hashkv handler). */
    enum Reason {
        /** The peer is behind the revision asked for ("required revision is a future revision"). */
        FUTURE_REV,
        /** The peer has compacted past the revision asked for: the asking member is the one behind. */
        COMPACTED,
        /** The endpoint answered for another cluster. */
        CLUSTER_ID_MISMATCH,
        /** Anything else: down, timed out, refused. */
        UNAVAILABLE
    }
}
