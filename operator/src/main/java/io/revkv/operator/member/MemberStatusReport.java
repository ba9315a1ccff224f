package io.revkv.operator.member;

import java.util.List;

/**
 * A member's Maintenance.Status answer: who it is, what it knows of the group, how far it has applied and how
 * large its database is.
 */
public record MemberStatusReport(long memberId, long clusterId, long leaderId, long raftTerm, long raftIndex,
                                 long raftAppliedIndex, long revision, long dbSize, long dbSizeInUse,
                                 boolean learner, String version, List<String> errors) {

    public MemberStatusReport {
        errors = List.copyOf(errors);
    }
}
