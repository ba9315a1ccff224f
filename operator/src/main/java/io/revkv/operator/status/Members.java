package io.revkv.operator.status;

import io.revkv.operator.member.Alarm;
import io.revkv.operator.member.MemberStatusReport;
import io.revkv.operator.v1alpha1.MemberStatus;
import java.util.List;

/** One member's line of the status, from MemberList, its own Status and the alarms raised on it. */
final class Members {

    private Members() {
    }

    static MemberStatus describe(StatusInput.Member m, long leaderId, List<Alarm> alarms) {
        MemberStatus s = new MemberStatus();
        s.setName(m.name());
        s.setId(Long.toHexString(m.member().id()));
        s.setRole(m.member().learner() ? MemberStatus.Role.Learner
                : m.member().id() == leaderId ? MemberStatus.Role.Leader : MemberStatus.Role.Follower);
        List<String> raised = alarms.stream().filter(a -> a.memberId() == m.member().id()).map(Alarm::type)
                .sorted().toList();
        s.setAlarms(raised);
        // NOSPACE leaves a member serving (reads, deletes, compaction); Degraded/QuotaExceeded reports it instead
        s.setHealthy(StatusAggregator.reportsHealthy(m.report()) && raised.stream().allMatch("NOSPACE"::equals));
        m.report().ifPresent(r -> report(s, r));
        return s;
    }

    private static void report(MemberStatus s, MemberStatusReport r) {
        s.setRevision(r.revision());
        s.setRaftIndex(r.raftIndex());
        s.setDbSize(r.dbSize());
        s.setDbSizeInUse(r.dbSizeInUse());
        s.setVersion(r.version());
    }
}
