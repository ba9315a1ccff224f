package io.revkv.operator.member;

import java.util.Arrays;
import java.util.Optional;

/**
 * The store's refusals the operator acts on, recognized by etcd's exact message (api/v3rpc/rpctypes), which revkv
 * sends byte for byte. Each says what it means for the operator.
 */
public enum Refusal {
    /** MemberRemove/Promote of an ID the group does not have: already removed. */
    MEMBER_NOT_FOUND("etcdserver: member not found"),
    /** MemberAdd of a peer URL the group has: already added (find the member by its URL). */
    PEER_URL_EXISTS("etcdserver: Peer URLs already exists"),
    /**
     * MemberAdd of the same peer URLs within the same second: etcd derives a member ID from the peer URLs and the
     * time in seconds, finds it taken and says so before it looks at the URLs. Also: already added.
     */
    MEMBER_ID_EXISTS("etcdserver: member ID already exist"),
    /** MemberPromote of a voter: already promoted. */
    NOT_A_LEARNER("etcdserver: can only promote a learner member"),
    /** MemberPromote of a learner still behind the leader: try again later. */
    LEARNER_NOT_READY("etcdserver: can only promote a learner member which is in sync with leader"),
    /** MemberAdd of a second learner. */
    TOO_MANY_LEARNERS("etcdserver: too many learner members in cluster"),
    /** A reconfiguration that needs more started members. */
    NOT_ENOUGH_STARTED_MEMBERS("etcdserver: re-configuration failed due to not enough started members"),
    /** A reconfiguration that would break the quorum of connected voters. */
    UNHEALTHY_CLUSTER("etcdserver: unhealthy cluster"),
    /** No leader: nothing that needs one can be done now. */
    NO_LEADER("etcdserver: no leader"),
    /** MoveLeader asked of a member that does not lead: ask the leader. */
    NOT_LEADER("etcdserver: not leader"),
    /** MoveLeader to a member that cannot lead (a learner, an unknown ID). */
    BAD_LEADER_TRANSFEREE("etcdserver: bad leader transferee"),
    /** MoveLeader did not finish in time; leadership may or may not have moved. */
    LEADER_TRANSFER_TIMEOUT("etcdserver: request timed out, leader transfer took too long"),
    /** Leadership changed during the request: ask again. */
    LEADER_CHANGED("etcdserver: leader changed"),
    /** A learner refuses what only voters serve: ask a voter. */
    NOT_SUPPORTED_FOR_LEARNER("etcdserver: rpc not supported for learner"),
    /** The request timed out inside the store. */
    TIMEOUT("etcdserver: request timed out"),
    /** The member is stopping. */
    STOPPED("etcdserver: server stopped"),
    /** The backend quota is exhausted (a NOSPACE alarm is raised). */
    NO_SPACE("etcdserver: mvcc: database space exceeded"),
    /** Compaction at a revision already compacted: done before. */
    COMPACTED("etcdserver: mvcc: required revision has been compacted"),
    /** The member found its data corrupt (a CORRUPT alarm is raised). */
    CORRUPT("etcdserver: corrupt cluster");

    private final String message;

    Refusal(String message) {
        this.message = message;
    }

    public String message() {
        return message;
    }

    /** The refusal whose message this is, exactly. */
    public static Optional<Refusal> of(String message) {
        return Arrays.stream(values()).filter(r -> r.message.equals(message)).findFirst();
    }
}
