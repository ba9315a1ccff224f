package io.revkv.operator.plan;

import io.revkv.operator.plan.Action.Compact;
import io.revkv.operator.plan.Action.Defragment;
import io.revkv.operator.plan.Action.DisarmAlarms;
import io.revkv.operator.plan.Action.Wait;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * The planner's answer to alarms. A CORRUPT member is removed by {@link Membership#lostData} like a member that lost
 * its volume; here only alarms of members no longer in the group are disarmed, and NOSPACE is answered as etcd's
 * own guidance says (compact, defragment every member, disarm).
 *
 * <p>NOSPACE, steps evaluated afresh every time (so an operator restarted half-way resumes where it was):
 * <ol>
 *   <li>Only with a leader and a settled cluster (every member healthy, ready and caught up, no learner): a member
 *       that stops serving to defragment while another is down could cost the quorum. Otherwise wait,
 *       {@link Reason#QuotaExceeded}, saying why.</li>
 *   <li>Compact at the leader's current revision if the spec allows it ({@link QuotaPolicy#compact}) and the
 *       compact revision is behind it. While NOSPACE holds only deletes move the revision, so this happens once,
 *       or again after the user deleted keys.</li>
 *   <li>Defragment each member whose last defragmentation did not run at the current compact revision: followers
 *       in ordinal order, then leadership moves, then the old leader ({@link Reason#DefragQuota}).</li>
 *   <li>Every member defragmented at this compact revision: if every database file is under the quota, disarm
 *       NOSPACE; otherwise the data itself does not fit, and the alarm stays ({@link Reason#QuotaStillExceeded}):
 *       disarming would only let the next write raise it again.</li>
 * </ol>
 */
final class Alarms {

    /** Alarms of members that left the group (a CORRUPT member removed, say): nothing to reclaim, only to disarm. */
    Action stale(Observation o, ClusterView view) {
        if (view.leader().isEmpty()) {
            return null;
        }
        for (String type : List.of("CORRUPT", "NOSPACE")) {
            List<Long> gone = ("CORRUPT".equals(type) ? o.alarms().corrupt() : o.alarms().noSpace()).stream()
                    .filter(id -> view.members().stream().noneMatch(m -> m.id() == id)).sorted().toList();
            if (!gone.isEmpty()) {
                return new DisarmAlarms(gone, type, Reason.AlarmDisarmed);
            }
        }
        return null;
    }

    Action noSpace(Observation o, ClusterView view) {
        AlarmState alarms = o.alarms();
        if (alarms.noSpace().isEmpty()) {
            return null;
        }
        QuotaPolicy quota = o.desired().quota();
        Optional<String> unsettled = Defrag.unsettled(o, view);
        if (unsettled.isPresent()) {
            return new Wait(Reason.QuotaExceeded, "NOSPACE raised on " + names(alarms, view) + "; space is reclaimed "
                    + "only in a settled cluster: " + unsettled.get());
        }
        RaftMember leader = view.leader().orElseThrow();
        OptionalLong revision = alarms.revision();
        OptionalLong compacted = alarms.compactRevision();
        if (compacted.isEmpty() || revision.isEmpty()) {
            return new Wait(Reason.QuotaExceeded, "NOSPACE raised on " + names(alarms, view) + "; waiting for the "
                    + "leader's revision and compact revision");
        }
        if (quota.compact() && compacted.getAsLong() < revision.getAsLong()) {
            return new Compact(revision.getAsLong(), Reason.QuotaExceeded);
        }
        Optional<RaftMember> next = view.members().stream()
                .filter(m -> !alarms.defraggedAt(m.name()).equals(Optional.of(compacted.getAsLong())))
                .min(java.util.Comparator.comparing((RaftMember m) -> m.equals(leader))
                        .thenComparingInt(view.members()::indexOf));
        if (next.isPresent()) {
            RaftMember m = next.get();
            if (m.equals(leader) && view.voters().count() > 1) {
                return Defrag.moveLeadership(leader, view, Reason.DefragQuota);
            }
            return new Defragment(m.name(), m.id(), Reason.DefragQuota);
        }
        List<String> over = view.members().stream().filter(m -> view.report(m).map(MemberReport::dbSize)
                .orElse(Long.MAX_VALUE) >= quota.quotaBytes()).map(m -> sizeOf(m, view, quota)).toList();
        if (!over.isEmpty()) {
            return new Wait(Reason.QuotaStillExceeded, "compacted" + (quota.compact() ? "" : " (by the user; "
                    + "spec.compaction.retention is 0, so the operator does not compact)") + " at revision "
                    + compacted.getAsLong() + " and defragmented, yet " + String.join(", ", over)
                    + ": the data itself exceeds the quota. Raise spec.quotaBackendBytes (a rolling restart) or "
                    + "delete keys (deletes are allowed under NOSPACE) and compact; the alarm stays until then");
        }
        return new DisarmAlarms(alarms.noSpace().stream().sorted().toList(), "NOSPACE", Reason.AlarmDisarmed);
    }

    private static String sizeOf(RaftMember m, ClusterView view, QuotaPolicy quota) {
        return m.name() + " " + view.report(m).map(r -> Long.toString(r.dbSize())).orElse("unknown")
                + " bytes of a quota of " + quota.quotaBytes();
    }

    private static String names(AlarmState alarms, ClusterView view) {
        return view.members().stream().filter(m -> alarms.noSpace().contains(m.id()))
                .map(m -> m.name() + view.report(m).map(r -> " (" + r.dbSize() + " bytes)").orElse(""))
                .collect(Collectors.joining(", "));
    }
}
