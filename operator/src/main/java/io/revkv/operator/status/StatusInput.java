package io.revkv.operator.status;

import io.revkv.operator.member.Alarm;
import io.revkv.operator.member.GroupMember;
import io.revkv.operator.member.MemberStatusReport;
import io.revkv.operator.plan.Action;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One reconcile's view for the status: the resource's generation and spec, the latched cluster ID, the membership
 * with names resolved, each member's own Status (absent when it did not answer), the alarms, Pod readiness, the
 * leader's compact revision (from HashKV, when it was asked), the action the planner chose, and the backend quota
 * (0: not known) that a NOSPACE alarm is reported against.
 */
public record StatusInput(String cluster, long generation, int replicas, boolean paused, OptionalLong clusterId,
                          List<Member> members, List<Alarm> alarms, Map<String, Boolean> podReady,
                          OptionalLong compactRevision, Action action, long quotaBytes) {

    public StatusInput(String cluster, long generation, int replicas, boolean paused, OptionalLong clusterId,
                       List<Member> members, List<Alarm> alarms, Map<String, Boolean> podReady,
                       OptionalLong compactRevision, Action action) {
        this(cluster, generation, replicas, paused, clusterId, members, alarms, podReady, compactRevision, action, 0);
    }

    public StatusInput {
        members = List.copyOf(members);
        alarms = List.copyOf(alarms);
        podReady = Map.copyOf(podReady);
    }

    /**
     * A member of the group.
     *
     * @param name   its name, resolved from its peer URL when it has not started
     * @param report its own Status answer, if it answered
     */
    public record Member(String name, GroupMember member, Optional<MemberStatusReport> report) {
    }
}
