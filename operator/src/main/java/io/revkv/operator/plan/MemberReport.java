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
 */
public record MemberReport(String member, long memberId, long clusterId, long leaderId, long raftIndex,
                           boolean healthy) {

    public boolean isLeader() {
        return leaderId != 0 && leaderId == memberId;
    }
}
