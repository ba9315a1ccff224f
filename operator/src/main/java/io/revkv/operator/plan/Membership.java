package io.revkv.operator.plan;

import io.revkv.operator.plan.Action.AddLearner;
import io.revkv.operator.plan.Action.MoveLeader;
import io.revkv.operator.plan.Action.PromoteLearner;
import io.revkv.operator.plan.Action.RemoveMember;
import io.revkv.operator.plan.Action.ReplaceMember;
import io.revkv.operator.plan.Action.Wait;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The planner's membership changes, each gated so that a quorum of healthy voters survives it: repairing a member
 * that lost its data, promoting the one learner, growing by one learner, shrinking by one member.
 */
final class Membership {

    /**
     * A started member lost its data when its volume is gone, was recreated, belongs to another member or is being
     * deleted, when its process reports another member ID, when its store refused its data directory ("has already
     * been bootstrapped": the directory was emptied under a member the cluster knows), or when its store keeps
     * failing ({@link #keepsFailing}). It is replaced: removed, then it rejoins under its name as a new learner with
     * fresh data. So is a member with the CORRUPT alarm: its data differs from the others' (the stale alarm is then
     * disarmed). Only while the others keep a quorum, and never the leader before leadership moved.
     */
    Action lostData(Observation o, ClusterView view) {
        for (RaftMember member : view.started().toList()) {
            Optional<String> seen = dataLost(o, view, member);
            if (seen.isPresent()) {
                return remove(member, view, () -> new ReplaceMember(member.name(), member.id(), seen.get()));
            }
            if (o.alarms().corrupt().contains(member.id())) {
                return remove(member, view, () -> new ReplaceMember(member.name(), member.id(),
                        member.name() + " raised CORRUPT: its data differs from the other members'", Reason.CorruptData));
            }
        }
        return null;
    }

    /** The store's words when its data directory is empty but the cluster lists the member as started. */
    static final String ALREADY_BOOTSTRAPPED = "has already been bootstrapped";

    /**
     * How the store's messages begin when it joins with an empty data directory (the only time it asks other
     * members who it is): for a member that has started before, the directory was emptied under it, whatever else
     * the message says (the seed's Pod, for one, names only itself in --initial-cluster, so nobody answers it).
     */
    static final String JOINING = "--initial-cluster-state existing:";

    /**
     * A container restarted this often whose last run failed within {@link #SHORT_RUN} of starting, and whose member
     * does not answer as itself now, keeps failing: its data is taken for lost. kubelet reports only the last run
     * and a lifetime restart count, so "keeps failing" is judged on one observation: many restarts, and the latest
     * run too short to have served (a member that failed once after days of service is not replaced). kubelet's
     * crash-loop back-off makes 5 restarts take about 5 minutes.
     */
    static final int CRASH_LOOP_RESTARTS = 5;
    static final Duration SHORT_RUN = Duration.ofMinutes(1);

    private static Optional<String> dataLost(Observation o, ClusterView view, RaftMember member) {
        VolumeState volume = o.volumes().get(member.name());
        MemberReport report = o.reports().get(member.name());
        if (volume == null) {
            return Optional.of("volume " + member.name() + " is gone");
        }
        if (volume.terminating()) {
            return Optional.of("volume " + member.name() + " is being deleted under its member");
        }
        if (!volume.belongsTo(member.id())) {
            return Optional.of("volume " + member.name() + (volume.memberId().isEmpty() ? " was recreated empty"
                    : " holds the data of member " + Long.toHexString(volume.memberId().getAsLong())));
        }
        if (report != null && report.memberId() != member.id()) {
            return Optional.of(member.name() + " answers as member " + Long.toHexString(report.memberId())
                    + ": its data directory was emptied");
        }
        PodState pod = o.pods().get(member.name());
        if (pod == null || pod.ready() || view.report(member).isPresent() || pod.lastTermination().isEmpty()) {
            return Optional.empty();
        }
        ContainerTermination last = pod.lastTermination().get();
        if (last.message().contains(ALREADY_BOOTSTRAPPED)) {
            return Optional.of("the store of " + member.name() + " refused its data directory: " + firstLine(last));
        }
        if (last.message().startsWith(JOINING)) {
            return Optional.of("the store of " + member.name() + " found its data directory empty and tried to join "
                    + "anew: " + firstLine(last));
        }
        if (keepsFailing(pod, last) && sameSpecServesElsewhere(o, pod)) {
            return Optional.of("the store of " + member.name() + " keeps failing: " + pod.restartCount()
                    + " restarts, the last after " + last.ran().toSeconds() + " s with exit code " + last.exitCode()
                    + (last.message().isBlank() ? "" : ": " + firstLine(last)));
        }
        return Optional.empty();
    }

    static boolean keepsFailing(PodState pod, ContainerTermination last) {
        return pod.restartCount() >= CRASH_LOOP_RESTARTS && last.failed() && last.ran().compareTo(SHORT_RUN) < 0;
    }

    /**
     * Another member's Pod, built from the same spec, is ready: the failure is this member's (its data, its volume),
     * not the spec's. A spec that fails everywhere (a broken image mid-roll) replaces nobody; the roll waits on the
     * member it restarted, which is reported stuck at its deadline.
     */
    private static boolean sameSpecServesElsewhere(Observation o, PodState failing) {
        return o.pods().values().stream().anyMatch(p -> p != failing && p.ready() && p.podHash().equals(failing.podHash()));
    }

    private static String firstLine(ContainerTermination last) {
        String message = last.message().strip();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /**
     * The one learner is promoted once caught up; while it catches up nothing else changes. A learner beyond the
     * voters the spec asks for (spec.replicas lowered while it joined) is not promoted: shrinking removes it.
     */
    Action promoteOrWait(Observation o, ClusterView view) {
        if (view.voters().count() >= o.desired().replicas()) {
            return null;
        }
        Optional<RaftMember> learner = view.learners().filter(RaftMember::started).findFirst();
        if (learner.isEmpty()) {
            return view.learners().findFirst().<Action>map(l -> new Wait(Reason.LearnerCatchingUp,
                    "waiting for learner " + l.name() + " to start")).orElse(null);
        }
        RaftMember l = learner.get();
        Optional<RaftMember> leader = view.leader();
        if (leader.isEmpty()) {
            return new Wait(Reason.NoLeader, "no leader to promote learner " + l.name());
        }
        if (!view.caughtUp(l, leader.get()) || !view.healthy(l)) {
            return new Wait(Reason.LearnerCatchingUp, "learner " + l.name() + " has applied " + view.raftIndex(l)
                    + " of the leader's " + view.raftIndex(leader.get()));
        }
        long votersAfter = view.voters().count() + 1;
        if (view.healthyVotersExcept(null) + 1 < ClusterView.quorum(votersAfter)) {
            return new Wait(Reason.QuorumAtRisk, "promoting " + l.name() + " would leave fewer healthy voters than a quorum");
        }
        return new PromoteLearner(l.name(), l.id());
    }

    /** One member more or one fewer, toward spec.replicas, only in a calm cluster. */
    Action resize(Observation o, ClusterView view) {
        int count = view.members().size();
        int replicas = o.desired().replicas();
        if (count == replicas) {
            return null;
        }
        if (count < replicas) {
            return grow(view);
        }
        RaftMember victim = victim(view);
        return remove(victim, view, () -> new RemoveMember(victim.name(), victim.id(), Reason.ScaleDown));
    }

    private Action grow(ClusterView view) {
        if (view.leader().isEmpty()) {
            return new Wait(Reason.NoLeader, "no leader to add a member");
        }
        Optional<RaftMember> unhealthy = view.members().stream().filter(m -> !view.healthy(m)).findFirst();
        if (unhealthy.isPresent()) {
            return new Wait(Reason.MemberUnhealthy, "a member joins only a healthy cluster; "
                    + unhealthy.get().name() + " is not healthy");
        }
        return new AddLearner(view.nextFreeName());
    }

    /** Learners first (unstarted before started), then unhealthy voters, then the highest ordinal. */
    private RaftMember victim(ClusterView view) {
        Comparator<RaftMember> order = Comparator
                .comparing((RaftMember m) -> !m.learner())
                .thenComparing(RaftMember::started)
                .thenComparing(view::healthy)
                .thenComparing(Comparator.comparingInt(view.members()::indexOf).reversed());
        return view.members().stream().min(order).orElseThrow();
    }

    /** Remove a member: never without a leader, never the leader itself, never below a healthy quorum. */
    private Action remove(RaftMember member, ClusterView view, Supplier<Action> removal) {
        Optional<RaftMember> leader = view.leader();
        if (leader.isEmpty()) {
            return new Wait(Reason.NoLeader, "no leader to remove " + member.name()
                    + (view.voters().count() == 1 ? ": the only voter lost its data, restore from a snapshot" : ""));
        }
        if (leader.get().equals(member)) {
            return moveLeadership(member, view);
        }
        long votersAfter = view.voters().count() - (member.learner() ? 0 : 1);
        if (view.healthyVotersExcept(member) < ClusterView.quorum(votersAfter)) {
            return new Wait(Reason.QuorumAtRisk, "removing " + member.name()
                    + " would leave fewer healthy voters than a quorum");
        }
        return removal.get();
    }

    private Action moveLeadership(RaftMember leader, ClusterView view) {
        return view.voters().filter(m -> !m.equals(leader)).filter(view::healthy)
                .max(Comparator.comparingLong(view::raftIndex))
                .<Action>map(to -> new MoveLeader(leader.name(), to.id(), to.name()))
                .orElseGet(() -> new Wait(Reason.QuorumAtRisk, "no healthy voter to take leadership from " + leader.name()));
    }
}
