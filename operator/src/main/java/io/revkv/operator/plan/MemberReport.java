package io.revkv.operator.plan;

/**
 * What one member answered to Status on its own endpoint; a member that did not answer has no report.
 *
 * @param member    the member name of the endpoint asked
 * @param memberId  the ID the member says it is (Status' header)
 * @param clusterId the cluster ID it says it belongs to
 * @param leaderId  the leader it knows of, 0 for none
 * @param raftIndex the Raft index it has applied
 * @param healthy   it answered without errors and with no alarm
 * @param dbSize      its database file's size in bytes
 * @param dbSizeInUse the bytes of that file in use; the rest is what defragmentation reclaims
 */
public record MemberReport(String member, long memberId, long clusterId, long leaderId, long raftIndex,
                           boolean healthy, long dbSize, long dbSizeInUse) {

    /** A report that says nothing of the database's size (an empty file, nothing to defragment). */
    public MemberReport(String member, long memberId, long clusterId, long leaderId, long raftIndex, boolean healthy) {
        this(member, memberId, clusterId, leaderId, raftIndex, healthy, 0, 0);
    }

    public MemberReport withSizes(long size, long inUse) {
        return new MemberReport(member, memberId, clusterId, leaderId, raftIndex, healthy, size, inUse);
    }

    public boolean isLeader() {
        return leaderId != 0 && leaderId == memberId;
    }
}
