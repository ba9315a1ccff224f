package io.revkv.operator.plan;

import io.revkv.operator.plan.Action.AddLearner;
import io.revkv.operator.plan.Action.MoveLeader;
import io.revkv.operator.plan.Action.PromoteLearner;
import io.revkv.operator.plan.Action.RemoveMember;
import io.revkv.operator.plan.Action.Wait;
import java.util.Comparator;
import java.util.Optional;

/**
 * The planner's membership changes, each gated so that a quorum of healthy voters survives it: repairing a member
 * that lost its data, promoting the one learner, growing by one learner, shrinking by one member.
 */
final class Membership {

    /**
     * A started member whose volume is gone, was recreated, or belongs to another member, or whose process reports
     * another member ID (an emptied data directory), lost its data: it leaves the group, to rejoin as a learner.
     * So does a member with the CORRUPT alarm: its data differs from the others'. Once removed its Pod is a stray
     * (deleted) and its volume is one too (deleted as whenScaled asks, else retained for inspection); the member
     * that replaces it joins as a learner on a fresh volume, and the stale alarm is disarmed.
     */
    Action lostData(Observation o, ClusterView view) {
        for (RaftMember member : view.started().toList()) {
            VolumeState volume = o.volumes().get(member.name());
            MemberReport report = o.reports().get(member.name());
            if (volume != null && volume.terminating() && volume.belongsTo(member.id())) {
                return new Wait(Reason.VolumeTerminating, "volume " + member.name() + " is being deleted under its member");
            }
            if (volume == null || !volume.belongsTo(member.id()) || (report != null && report.memberId() != member.id())) {
                return remove(member, Reason.DataLoss, view);
            }
            if (o.alarms().corrupt().contains(member.id())) {
                return remove(member, Reason.CorruptData, view);
            }
        }
        return null;
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
        return remove(victim(view), Reason.ScaleDown, view);
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
    private Action remove(RaftMember member, Reason reason, ClusterView view) {
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
        return new RemoveMember(member.name(), member.id(), reason);
    }

    private Action moveLeadership(RaftMember leader, ClusterView view) {
        return view.voters().filter(m -> !m.equals(leader)).filter(view::healthy)
                .max(Comparator.comparingLong(view::raftIndex))
                .<Action>map(to -> new MoveLeader(leader.name(), to.id(), to.name()))
                .orElseGet(() -> new Wait(Reason.QuorumAtRisk, "no healthy voter to take leadership from " + leader.name()));
    }
}
