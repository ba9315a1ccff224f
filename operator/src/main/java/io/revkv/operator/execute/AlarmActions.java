package io.revkv.operator.execute;

import io.revkv.operator.member.Alarm;
import io.revkv.operator.member.MemberClient;
import io.revkv.operator.member.Outcome;
import io.revkv.operator.member.Refusal;
import io.revkv.operator.plan.Action.Compact;
import io.revkv.operator.plan.Action.DisarmAlarms;
import io.revkv.operator.plan.MemberReport;
import io.revkv.operator.plan.Observation;
import io.revkv.operator.v1alpha1.KVCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reclaiming space after NOSPACE, through the leader: compaction at the current revision and AlarmDisarm. Both
 * are allowed while NOSPACE is raised; both are idempotent (a revision compacted already, an alarm not raised).
 */
final class AlarmActions {

    private final MemberConnector connector;

    AlarmActions(MemberConnector connector) {
        this.connector = connector;
    }

    Execution compact(KVCluster kvc, Observation o, Compact action) {
        Optional<String> leader = leader(o);
        if (leader.isEmpty()) {
            return Execution.failed("no leader to compact through");
        }
        try (MemberClient client = connector.connect(kvc, leader.get())) {
            Outcome<Long> outcome = client.compact(action.revision());
            if (outcome.ok() || outcome.refusedWith(Refusal.COMPACTED)) {
                return Execution.done("compacted at revision " + action.revision() + " to reclaim space after "
                        + "NOSPACE" + (outcome.ok() ? "" : " (already compacted)"));
            }
            return Execution.failed("compaction at revision " + action.revision() + " through " + leader.get()
                    + " failed: " + outcome);
        }
    }

    Execution disarm(KVCluster kvc, Observation o, DisarmAlarms action) {
        Optional<String> leader = leader(o);
        if (leader.isEmpty()) {
            return Execution.failed("no leader to disarm " + action.type() + " through");
        }
        List<String> disarmed = new ArrayList<>();
        try (MemberClient client = connector.connect(kvc, leader.get())) {
            for (long id : action.memberIds()) {
                Outcome<List<Alarm>> outcome = client.alarmDisarm(id, action.type());
                if (!outcome.ok()) {
                    return Execution.failed("disarming " + action.type() + " of member " + Long.toHexString(id)
                            + " failed: " + outcome + (disarmed.isEmpty() ? "" : " (disarmed: " + disarmed + ")"));
                }
                disarmed.add(Long.toHexString(id));
            }
        }
        return Execution.done(action.type() + " disarmed for member" + (disarmed.size() == 1 ? " " : "s ")
                + String.join(", ", disarmed) + " " + why(o, action));
    }

    private static String why(Observation o, DisarmAlarms action) {
        boolean members = o.membership().map(list -> list.stream()
                .anyMatch(m -> action.memberIds().contains(m.id()))).orElse(false);
        if (!members) {
            return "(no longer in the group)";
        }
        long quota = o.desired().quota().quotaBytes();
        return "(every member back under the quota of " + quota + " bytes: " + o.reports().values().stream()
                .sorted(java.util.Comparator.comparing(MemberReport::member))
                .map(r -> r.member() + " " + r.dbSize()).reduce((a, b) -> a + ", " + b).orElse("") + ")";
    }

    private static Optional<String> leader(Observation o) {
        return o.reports().values().stream().filter(MemberReport::isLeader).map(MemberReport::member).findFirst();
    }
}
