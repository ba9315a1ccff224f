package io.revkv.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.revkv.operator.plan.Action;
import io.revkv.operator.plan.Reason;
import io.revkv.operator.v1alpha1.MemberStatus;
import io.revkv.operator.v1alpha1.Phase;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The conditions and the phase, decided from the members' lines and the planner's action. */
final class Verdicts {

    /** Waits for a change already under way: the cluster is progressing, not stuck. */
    private static final Set<Reason> WAITING_ON_PROGRESS =
            Set.of(Reason.SeedStarting, Reason.LearnerCatchingUp, Reason.PodTerminating, Reason.RollingUpdate);

    /** A step past its deadline, or a defragmentation that failed: degraded, with the wait's reason and detail. */
    private static final Set<Reason> STUCK = Set.of(Reason.LearnerStuck, Reason.MemberNotReady, Reason.DefragBackoff);

    private final StatusInput in;
    private final List<MemberStatus> members;
    private final boolean hasLeader;

    Verdicts(StatusInput in, List<MemberStatus> members, boolean hasLeader) {
        this.in = in;
        this.members = members;
        this.hasLeader = hasLeader;
    }

    List<Condition> conditions(List<Condition> previous, Instant now) {
        return new ConditionSet(previous, now, in.generation())
                .set(ConditionSet.AVAILABLE, available(), availableReason(), availableMessage())
                .set(ConditionSet.PROGRESSING, progressing(), in.action().reason().name(), actionMessage())
                .set(ConditionSet.DEGRADED, degradedCause().isPresent(), degradedCause().orElse("AllMembersHealthy"),
                        degradedMessage())
                .conditions();
    }

    Phase phase(Phase previous) {
        if (in.paused()) {
            return Phase.Paused;
        }
        if (in.clusterId().isEmpty()) {
            return Phase.Pending;
        }
        if (!available() || (degradedCause().isPresent() && !progressing())) {
            return Phase.Degraded;
        }
        if (progressing()) {
            boolean neverRan = previous == null || previous == Phase.Pending || previous == Phase.Bootstrapping;
            return neverRan ? Phase.Bootstrapping : Phase.Reconfiguring;
        }
        return Phase.Running;
    }

    private long voters() {
        return members.stream().filter(m -> m.getRole() != MemberStatus.Role.Learner).count();
    }

    private long healthyVoters() {
        return members.stream().filter(m -> m.getRole() != MemberStatus.Role.Learner && m.getHealthy()).count();
    }

    private boolean available() {
        return hasLeader && voters() > 0 && healthyVoters() >= voters() / 2 + 1;
    }

    private String availableReason() {
        if (in.clusterId().isEmpty()) {
            return "NotFormed";
        }
        if (quorumLost()) {
            return "QuorumLost";
        }
        return available() ? "QuorumHealthy" : hasLeader ? "QuorumUnhealthy" : "NoLeader";
    }

    private String availableMessage() {
        if (in.clusterId().isPresent() && quorumLost()) {
            return QuorumLoss.message(in.members());
        }
        return healthyVoters() + " of " + voters() + " voters healthy" + (hasLeader ? "" : ", no leader");
    }

    /**
     * Known voters, fewer of them answering than a quorum: the group cannot commit until enough come back, whether
     * or not one still believes it leads. (An election, or alarms, with a quorum answering are reported otherwise.)
     */
    private boolean quorumLost() {
        return QuorumLoss.lost(in.members());
    }

    private boolean progressing() {
        Action action = in.action();
        return StatusAggregator.isChange(action)
                || (action instanceof Action.Wait w && WAITING_ON_PROGRESS.contains(w.reason()));
    }

    private String actionMessage() {
        Action action = in.action();
        return action instanceof Action.Wait w ? w.detail() : action instanceof Action.Done ? "as the spec asks"
                : action.toString();
    }

    /**
     * The first cause, in order: NOSPACE (QuotaExceeded), other alarms, a step stuck past its deadline (or a failed
     * defragmentation backing off), unhealthy members, missing members (fewer voters than asked while no
     * change is under way: during a join the cluster is progressing, not degraded).
     */
    private Optional<String> degradedCause() {
        if (!noSpace().isEmpty()) {
            return Optional.of("QuotaExceeded");
        }
        if (members.stream().anyMatch(m -> !m.getAlarms().isEmpty())) {
            return Optional.of("AlarmRaised");
        }
        if (in.action() instanceof Action.Wait w && STUCK.contains(w.reason())) {
            return Optional.of(w.reason().name());
        }
        if (members.stream().anyMatch(m -> !m.getHealthy())) {
            return Optional.of("MemberUnhealthy");
        }
        if (in.clusterId().isPresent() && voters() < in.replicas() && !progressing()) {
            return Optional.of("MembersMissing");
        }
        return Optional.empty();
    }

    /** The members with NOSPACE raised. */
    private List<MemberStatus> noSpace() {
        return members.stream().filter(m -> m.getAlarms().contains("NOSPACE")).toList();
    }

    private String degradedMessage() {
        if (!noSpace().isEmpty()) {
            return "NOSPACE raised, writes fail until space is reclaimed: " + noSpace().stream()
                    .map(m -> m.getName() + " database " + (m.getDbSize() == null ? "of unknown size"
                            : ByteQuantity.format(m.getDbSize())))
                    .collect(java.util.stream.Collectors.joining(", "))
                    + (in.quotaBytes() > 0 ? " of a quota of " + ByteQuantity.format(in.quotaBytes()) : "");
        }
        if (in.action() instanceof Action.Wait w && STUCK.contains(w.reason())
                && members.stream().allMatch(m -> m.getAlarms().isEmpty())) {
            return w.detail();
        }
        List<String> unhealthy = members.stream().filter(m -> !m.getHealthy())
                .map(m -> m.getName() + (m.getAlarms().isEmpty() ? "" : " " + m.getAlarms())).toList();
        return unhealthy.isEmpty() ? voters() + " of " + in.replicas() + " voters"
                : "not healthy: " + String.join(", ", unhealthy);
    }
}
