package io.revkv.operator.plan;

import io.revkv.operator.plan.Action.MoveLeader;
import io.revkv.operator.plan.Action.RestartMember;
import io.revkv.operator.plan.Action.Wait;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The rolling update: members whose Pod records another hash than the spec's are restarted one at a time, the
 * leader last. Each reconcile decides from the observation alone (no memory of earlier steps), so an operator
 * restarted half-way resumes where the cluster is.
 *
 * <p>Steps, evaluated afresh every time:
 * <ol>
 *   <li>Outdated members: those whose Pod's hash differs from the spec's. None: nothing to roll.</li>
 *   <li>A version change of more than a patch or one minor step is refused ({@link UpgradeStep}).</li>
 *   <li>The next target: an outdated member that is not serving first (restarting it costs nothing), then
 *       outdated followers, then the leader, each group in ordinal order.</li>
 *   <li>Every other member must be serving: healthy, its Pod ready, its Raft index within {@link #MAX_LAG} of
 *       the leader's. This is what makes a restarted member serve again before the next goes, and never lets two
 *       be down at once.</li>
 *   <li>The leader is never restarted while it leads: leadership moves first to the follower that applied most.</li>
 *   <li>A restart must leave a quorum of healthy voters. A cluster of one or two voters cannot keep one through
 *       any restart; it is rolled all the same (still one member at a time), or the spec would never apply.</li>
 * </ol>
 *
 * <p>Worked example, three members, kv-0 leading, kv-2 not ready, all outdated: restart kv-2; wait until kv-2
 * serves; restart kv-1; wait; move leadership kv-0 to whichever of kv-1, kv-2 applied more; restart kv-0; wait;
 * done.
 */
final class Roll {

    /** How many entries behind the leader a member may be and still count as caught up. */
    static final long MAX_LAG = 1000;

    /** Whether leadership moves before the leader restarts (see {@link Planner#Planner(boolean)}). */
    private final boolean leaderLast;

    Roll() {
        this(true);
    }

    Roll(boolean leaderLast) {
        this.leaderLast = leaderLast;
    }

    Action next(Observation o, ClusterView view) {
        List<RaftMember> outdated = view.members().stream().filter(m -> outdated(o, m)).toList();
        if (outdated.isEmpty()) {
            return null;
        }
        Optional<String> refused = outdated.stream()
                .map(m -> UpgradeStep.refusal(o.pods().get(m.name()).version(), o.desired().version()))
                .flatMap(Optional::stream).findFirst();
        if (refused.isPresent()) {
            return new Wait(Reason.UnsupportedUpgrade, refused.get());
        }
        Optional<RaftMember> leader = view.leader();
        if (leader.isEmpty()) {
            return new Wait(Reason.NoLeader, "no leader: the rolling update waits");
        }
        RaftMember target = outdated.stream().min(order(o, view, leader.get())).orElseThrow();
        Optional<RaftMember> notServing = view.members().stream()
                .filter(m -> !m.equals(target) && !serving(o, view, m, leader.get())).findFirst();
        if (notServing.isPresent()) {
            return new Wait(Reason.RollingUpdate, "waiting for " + notServing.get().name() + " to serve before "
                    + target.name() + " restarts (" + outdated.size() + " outdated)");
        }
        if (leaderLast && target.equals(leader.get()) && view.voters().count() > 1) {
            return moveLeadership(target, view);
        }
        long voters = view.voters().count();
        if (voters >= 3 && view.healthyVotersExcept(target) < ClusterView.quorum(voters)) {
            return new Wait(Reason.QuorumAtRisk, "restarting " + target.name()
                    + " would leave fewer healthy voters than a quorum");
        }
        return new RestartMember(target.name(), o.desired().podHash(), Reason.MemberOutdated);
    }

    /** A member is outdated when its Pod records another hash than the spec's (a started member has a Pod here). */
    private static boolean outdated(Observation o, RaftMember member) {
        PodState pod = o.pods().get(member.name());
        return pod != null && !pod.podHash().equals(o.desired().podHash());
    }

    /** Serving: healthy, its Pod ready, and caught up with the leader. */
    private static boolean serving(Observation o, ClusterView view, RaftMember member, RaftMember leader) {
        PodState pod = o.pods().get(member.name());
        return pod != null && pod.ready() && view.healthy(member)
                && view.raftIndex(member) >= view.raftIndex(leader) - MAX_LAG;
    }

    /** Not serving first, then followers before the leader, then by ordinal. */
    private static Comparator<RaftMember> order(Observation o, ClusterView view, RaftMember leader) {
        return Comparator.comparing((RaftMember m) -> serving(o, view, m, leader))
                .thenComparing(m -> m.equals(leader))
                .thenComparingInt(view.members()::indexOf);
    }

    private static Action moveLeadership(RaftMember leader, ClusterView view) {
        return view.voters().filter(m -> !m.equals(leader)).filter(view::healthy)
                .max(Comparator.comparingLong(view::raftIndex).thenComparing(
                        Comparator.comparingInt(view.members()::indexOf).reversed()))
                .<Action>map(to -> new MoveLeader(leader.name(), to.id(), to.name(), Reason.LeaderLast))
                .orElseGet(() -> new Wait(Reason.QuorumAtRisk, "no healthy voter to take leadership from "
                        + leader.name()));
    }
}
