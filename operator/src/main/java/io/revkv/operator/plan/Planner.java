package io.revkv.operator.plan;

import io.revkv.operator.plan.Action.AddLearner;
import io.revkv.operator.plan.Action.CreateSeed;
import io.revkv.operator.plan.Action.DeletePod;
import io.revkv.operator.plan.Action.DeleteVolume;
import io.revkv.operator.plan.Action.Done;
import io.revkv.operator.plan.Action.LatchClusterId;
import io.revkv.operator.plan.Action.RecreatePod;
import io.revkv.operator.plan.Action.StartMember;
import io.revkv.operator.plan.Action.Wait;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Observation in, the single next action out; pure and deterministic. Each step below either returns an action
 * or passes to the next, so the first concern that applies wins: identity and data first, then the Pods of
 * members, then the learner, then reclaiming space after NOSPACE, then growth, then shrinking, then the rolling update of outdated members, then defragmentation (see the
 * package documentation for the rules).
 */
public final class Planner {

    private final Membership membership = new Membership();
    private final Roll roll;
    private final Defrag defrag;
    private final Alarms alarms = new Alarms();
    private final StuckSteps stuckSteps = new StuckSteps();

    /** The operator's planner: leadership moves away before the leader is restarted or defragmented. */
    public Planner() {
        this(true);
    }

    /**
     * @param leaderLast false restarts and defragments the leader in place, where it leads, without MoveLeader
     *                   first. Not a spec field: it exists to measure what moving leadership first saves a client
     *                   (ZeroDowntimeIT's comparison); no cluster should be run this way.
     */
    public Planner(boolean leaderLast) {
        this.roll = new Roll(leaderLast);
        this.defrag = new Defrag(leaderLast);
    }

    public Action next(Observation observation) {
        if (observation.desired().paused()) {
            return paused(next(observation.withDesired(observation.desired().unpaused())));
        }
        Action action = observation.clusterId().isEmpty() ? bootstrap(observation) : formed(observation);
        return stuckSteps.timed(observation, action);
    }

    /**
     * spec.paused: nothing is done, and the wait says what would be, so that a user knows what resuming starts.
     * The action held back is only described, never performed: the executor performs nothing on a wait.
     */
    private static Action paused(Action heldBack) {
        String detail = "spec.paused is true: the operator changes nothing";
        if (heldBack instanceof Done) {
            return new Wait(Reason.Paused, detail);
        }
        String next = heldBack instanceof Wait w ? "wait (" + w.reason() + ": " + w.detail() + ")" : heldBack.toString();
        return new Wait(Reason.Paused, detail + "; when resumed it would " + next);
    }

    /** Before the cluster ID is latched: one seed, nothing else. */
    private Action bootstrap(Observation o) {
        String seed = o.desired().seed();
        MemberReport seedReport = o.reports().get(seed);
        if (seedReport != null) {
            return new LatchClusterId(seedReport.clusterId(), seed, seedReport.memberId());
        }
        Optional<VolumeState> formed = o.volumes().values().stream().filter(v -> v.memberId().isPresent()).findFirst();
        if (formed.isPresent()) {
            return new Wait(Reason.RetainedVolumes, "volume " + formed.get().member() + " holds the data of member "
                    + Long.toHexString(formed.get().memberId().getAsLong()) + " of an earlier cluster; no new cluster "
                    + "is bootstrapped over it");
        }
        PodState seedPod = o.pods().get(seed);
        if (seedPod == null) {
            return new CreateSeed(seed);
        }
        if (seedPod.terminating()) {
            return new Wait(Reason.PodTerminating, "seed Pod " + seed + " is terminating");
        }
        return new Wait(Reason.SeedStarting, "waiting for seed " + seed + " to report a cluster ID");
    }

    /** After: the latched cluster only ever changes by membership operations. */
    private Action formed(Observation o) {
        if (o.membership().isEmpty()) {
            return noMemberAnswers(o);
        }
        ClusterView view = new ClusterView(o);
        return firstOf(
                () -> foreignMember(o),
                () -> membership.lostData(o, view),
                () -> quorumLost(o, view),
                () -> alarms.stale(o, view),
                () -> seedPodStartingNew(o, view),
                () -> missingPods(o, view),
                () -> unstartedMembers(o, view),
                () -> strayPods(o, view),
                () -> strayVolumes(o, view),
                () -> leavingObjects(o, view),
                () -> membership.promoteOrWait(o, view),
                () -> alarms.noSpace(o, view),
                () -> membership.resize(o, view),
                () -> roll.next(o, view),
                () -> defrag.next(o, view),
                () -> settled(o, view));
    }

    /** Nobody answered MemberList: bring back Pods of formed volumes (all deleted at once), else wait. */
    private Action noMemberAnswers(Observation o) {
        List<String> formed = o.volumes().values().stream().filter(v -> v.memberId().isPresent())
                .map(VolumeState::member).sorted(byOrdinal(o)).toList();
        for (String member : formed) {
            if (!o.pods().containsKey(member)) {
                return new RecreatePod(member, formed);
            }
        }
        String detail = formed.isEmpty()
                ? "no member answers and no member volume is left: the cluster's data is lost, restore from a snapshot"
                : "no member answers MemberList";
        return new Wait(Reason.NoMemberAnswers, detail);
    }

    private Action foreignMember(Observation o) {
        long clusterId = o.clusterId().getAsLong();
        return o.reports().values().stream().filter(r -> r.clusterId() != clusterId).findFirst()
                .<Action>map(r -> new Wait(Reason.ForeignMember, r.member() + " reports cluster "
                        + Long.toHexString(r.clusterId()) + ", not " + Long.toHexString(clusterId)))
                .orElse(null);
    }

    /**
     * Fewer voters answer than a quorum: the group cannot commit. The planner then only gives a deleted member its
     * Pod back on its own volume (that can only help the quorum return) and otherwise waits: anything else either
     * needs the quorum to commit or takes one more voter away. (A member that lost its data was met just before:
     * its removal is gated on the quorum there, with its own reason.) Answering, not healthy, is what counts here: a member with an alarm
     * still votes, and reclaiming its space must not wait on this.
     */
    private Action quorumLost(Observation o, ClusterView view) {
        long voters = view.voters().count();
        List<String> silent = view.voters().filter(m -> view.report(m).isEmpty()).map(RaftMember::name).toList();
        if (voters == 0 || voters - silent.size() >= ClusterView.quorum(voters)) {
            return null;
        }
        for (RaftMember member : view.started().toList()) {
            VolumeState volume = o.volumes().get(member.name());
            if (!o.pods().containsKey(member.name()) && volume != null && volume.belongsTo(member.id())) {
                return new RecreatePod(member.name(), view.startedNames());
            }
        }
        return new Wait(Reason.QuorumLost, silent.size() + " of " + voters + " voters do not answer: "
                + String.join(", ", silent) + "; a quorum needs " + ClusterView.quorum(voters)
                + ", so nothing is changed until they are back");
    }

    /**
     * A formed cluster never keeps a Pod that starts a new cluster: should its volume come back empty, the process
     * would bootstrap a one-member cluster with the same cluster and member IDs and lead it until the real leader's
     * higher term overwrote it. Replaced as soon as the cluster formed (its only member restarts once), or, in a
     * cluster that grew meanwhile, while the other voters keep a quorum.
     */
    private Action seedPodStartingNew(Observation o, ClusterView view) {
        for (RaftMember member : view.started().toList()) {
            PodState pod = o.pods().get(member.name());
            if (pod == null || pod.terminating() || !pod.startsNewCluster()) {
                continue;
            }
            long voters = view.voters().count();
            if (voters > 1 && view.healthyVotersExcept(member) < ClusterView.quorum(voters)) {
                return new Wait(Reason.QuorumAtRisk, "restarting " + member.name() + " as an existing member would "
                        + "leave fewer healthy voters than a quorum");
            }
            return new Action.RetireSeedPod(member.name());
        }
        return null;
    }

    /** A started member whose Pod is gone gets it back, on its own volume. */
    private Action missingPods(Observation o, ClusterView view) {
        for (RaftMember member : view.started().toList()) {
            PodState pod = o.pods().get(member.name());
            if (pod == null) {
                return new RecreatePod(member.name(), view.startedNames());
            }
            if (pod.terminating()) {
                return new Wait(Reason.PodTerminating, "Pod " + member.name() + " is terminating");
            }
        }
        return null;
    }

    /** A member added to the group but never started gets its volume and Pod. */
    private Action unstartedMembers(Observation o, ClusterView view) {
        for (RaftMember member : view.members()) {
            if (!member.started() && !o.pods().containsKey(member.name())) {
                List<String> initialCluster = new ArrayList<>(view.startedNames());
                initialCluster.add(member.name());
                return new StartMember(member.name(), member.id(), initialCluster);
            }
        }
        return null;
    }

    private Action strayPods(Observation o, ClusterView view) {
        return o.pods().values().stream()
                .filter(p -> !view.isMember(p.member()) && !p.terminating() && o.desired().ordinal(p.member()) >= 0)
                .map(PodState::member).sorted(byOrdinal(o)).findFirst().<Action>map(DeletePod::new).orElse(null);
    }

    private Action strayVolumes(Observation o, ClusterView view) {
        if (!o.desired().deleteScaledVolumes()) {
            return null;
        }
        return o.volumes().values().stream()
                .filter(v -> !view.isMember(v.member()) && !v.terminating() && !o.pods().containsKey(v.member())
                        && o.desired().ordinal(v.member()) >= 0)
                .map(VolumeState::member).sorted(byOrdinal(o)).findFirst().<Action>map(DeleteVolume::new).orElse(null);
    }

    /**
     * A Pod or volume of a removed member is still being deleted (a replaced member's claim waits for its Pod to
     * go): nothing joins until it is gone, so that the replacement takes the name and gets a new, empty volume.
     */
    private Action leavingObjects(Observation o, ClusterView view) {
        Optional<PodState> pod = o.pods().values().stream()
                .filter(p -> !view.isMember(p.member()) && p.terminating() && o.desired().ordinal(p.member()) >= 0)
                .min(Comparator.comparing(PodState::member, byOrdinal(o)));
        if (pod.isPresent()) {
            return new Wait(Reason.PodTerminating, "Pod " + pod.get().member() + " of a removed member is terminating");
        }
        return o.volumes().values().stream()
                .filter(v -> !view.isMember(v.member()) && v.terminating() && o.desired().ordinal(v.member()) >= 0)
                .min(Comparator.comparing(VolumeState::member, byOrdinal(o)))
                .<Action>map(v -> new Wait(Reason.VolumeTerminating, "volume " + v.member()
                        + " of a removed member is being deleted"))
                .orElse(null);
    }

    private Action settled(Observation o, ClusterView view) {
        Optional<RaftMember> unhealthy = view.members().stream().filter(m -> !view.healthy(m)).findFirst();
        if (unhealthy.isPresent()) {
            return new Wait(Reason.MemberUnhealthy, unhealthy.get().name() + " is not healthy");
        }
        Optional<PodState> notReady = o.pods().values().stream().filter(p -> !p.ready()).findFirst();
        if (notReady.isPresent()) {
            return new Wait(Reason.MemberUnhealthy, "Pod " + notReady.get().member() + " is not ready");
        }
        return new Done();
    }

    private static Comparator<String> byOrdinal(Observation o) {
        return Comparator.comparingInt((String name) -> o.desired().ordinal(name)).thenComparing(name -> name);
    }

    private static Action firstOf(Step... steps) {
        for (Step step : steps) {
            Action action = step.decide();
            if (action != null) {
                return action;
            }
        }
        throw new IllegalStateException("the last step always decides");
    }

    @FunctionalInterface
    private interface Step {
        /** An action, or null to pass to the next step. */
        Action decide();
    }
}
