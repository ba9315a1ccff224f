package io.revkv.operator.status;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.revkv.operator.Labels;
import io.revkv.operator.member.MemberStatusReport;
import io.revkv.operator.plan.Action;
import io.revkv.operator.v1alpha1.KVClusterStatus;
import io.revkv.operator.v1alpha1.MemberStatus;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Builds the status a user reads from what the members report. Available: a leader and a healthy quorum of voters.
 * Degraded: a member unhealthy, unreachable, alarmed or missing. Progressing: the planner is changing the cluster
 * or waiting on a change under way. {@link #changed} says whether a patch is due.
 */
public final class StatusAggregator {

    private final Clock clock;

    public StatusAggregator(Clock clock) {
        this.clock = clock;
    }

    public KVClusterStatus aggregate(StatusInput in, KVClusterStatus previous) {
        List<MemberStatus> members = in.members().stream()
                .sorted(Comparator.comparing(StatusInput.Member::name))
                .map(m -> Members.describe(m, leaderId(in), in.alarms())).toList();
        Optional<StatusInput.Member> leader = leader(in);
        KVClusterStatus status = new KVClusterStatus();
        status.setObservedGeneration(in.generation());
        status.setSelector(Labels.selector(in.cluster()));
        in.clusterId().ifPresent(id -> status.setClusterID(Long.toHexString(id)));
        status.setMembers(members);
        status.setReadyReplicas((int) members.stream()
                .filter(m -> m.getRole() != MemberStatus.Role.Learner && m.getHealthy()
                        && in.podReady().getOrDefault(m.getName(), false)).count());
        leader.ifPresent(l -> {
            status.setLeader(l.name());
            status.setRevision(l.report().orElseThrow().revision());
            status.setDbSize(ByteQuantity.format(l.report().orElseThrow().dbSize()));
        });
        in.compactRevision().ifPresent(status::setCompactRevision);
        Verdicts verdicts = new Verdicts(in, members, leader.isPresent());
        status.setConditions(verdicts.conditions(previous == null ? null : previous.getConditions(), clock.instant()));
        status.setPhase(verdicts.phase(previous == null ? null : previous.getPhase()));
        return status;
    }

    /** Whether the new status differs from the one stored, field for field: patch only then. */
    public static boolean changed(KVClusterStatus previous, KVClusterStatus next) {
        var mapper = Serialization.jsonMapper();
        return previous == null || !mapper.valueToTree(previous).equals(mapper.valueToTree(next));
    }

    private static long leaderId(StatusInput in) {
        return leader(in).map(m -> m.member().id()).orElse(0L);
    }

    /** The member that reports itself leader. */
    private static Optional<StatusInput.Member> leader(StatusInput in) {
        return in.members().stream().filter(m -> m.report().map(r -> r.leaderId() != 0 && r.leaderId() == r.memberId())
                .orElse(false)).findFirst();
    }

    /** Answered without errors of its own: the alarms Status lists ({@code alarm:NOSPACE}) are judged apart. */
    static boolean reportsHealthy(Optional<MemberStatusReport> report) {
        return report.map(r -> r.errors().stream().allMatch(e -> e.contains("alarm:"))).orElse(false);
    }

    static boolean isChange(Action action) {
        return !(action instanceof Action.Wait) && !(action instanceof Action.Done);
    }
}
