package io.revkv.operator.plan;

import io.revkv.operator.plan.Action.Defragment;
import io.revkv.operator.plan.Action.MoveLeader;
import io.revkv.operator.plan.Action.Wait;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Defragmentation: members due by {@link DefragPolicy} are defragmented one at a time, followers first, the leader
 * last after leadership moved, and only in a settled cluster. Like the roll, each reconcile decides from the
 * observation alone (the time, the members' sizes, status.lastDefrag), so an operator restarted half-way resumes
 * with the next member that is still due.
 *
 * <p>Steps, evaluated afresh every time (the planner reaches them only with no roll, scaling or learner pending,
 * and not paused):
 * <ol>
 *   <li>Due members, each with its reason. None: nothing to do (but say so when the schedule is not cron).
 *       A member whose last attempt failed less than {@link #BACKOFF} ago is left out; when only such members are
 *       due, the planner waits ({@link Reason#DefragBackoff}) rather than retrying on every reconcile.</li>
 *   <li>Settled: a leader, no learner, every member healthy, its Pod ready and its Raft index within
 *       {@link Roll#MAX_LAG} of the leader's. Otherwise the defragmentation waits ({@link Reason#DefragDeferred},
 *       saying what is not settled): a member that stops serving while another is down could cost the quorum.</li>
 *   <li>The next: due followers in ordinal order, then the leader.</li>
 *   <li>The leader is never defragmented while it leads (its writes would stall for as long as the rewrite takes
 *       and the controllers on top would see elections): leadership moves first to the follower that applied
 *       most. A single member is defragmented in place; there is nobody to lead instead.</li>
 * </ol>
 *
 * <p>Worked example, three members, kv-0 leading, the schedule fired and all three fragmented: defragment kv-1;
 * (its lastDefrag is now after the firing) defragment kv-2; move leadership kv-0 to kv-1 or kv-2; defragment kv-0;
 * done until the schedule fires again.
 */
final class Defrag {

    /**
     * How long a member whose defragmentation failed or timed out is left alone before it is tried again: long
     * enough that a member that cannot defragment (a disk too full to rewrite the file, a timeout too short for its
     * size) is not stalled again on every reconcile, short enough that a passing failure (a leader change) costs
     * little. Other due members go ahead meanwhile.
     */
    static final Duration BACKOFF = Duration.ofMinutes(10);

    private record Due(RaftMember member, Reason reason) {
    }

    /** Whether leadership moves before the leader is defragmented (see {@link Planner#Planner(boolean)}). */
    private final boolean leaderLast;

    Defrag() {
        this(true);
    }

    Defrag(boolean leaderLast) {
        this.leaderLast = leaderLast;
    }

    Action next(Observation o, ClusterView view) {
        if (o.desired().defrag().isEmpty()) {
            return null;
        }
        DefragPolicy policy = o.desired().defrag().get();
        List<Due> due = due(o, view, policy);
        List<Due> backingOff = due.stream().filter(d -> backingOff(o, d.member())).toList();
        due = due.stream().filter(d -> !backingOff.contains(d)).toList();
        if (due.isEmpty() && !backingOff.isEmpty()) {
            RaftMember first = backingOff.get(0).member();
            Instant failed = o.timeline().defragFailed(first.name()).orElseThrow();
            return new Wait(Reason.DefragBackoff, "the defragmentation of " + first.name() + " failed at " + failed
                    + "; it is tried again after " + failed.plus(BACKOFF) + " (status.lastDefrag has why)");
        }
        if (due.isEmpty()) {
            return policy.schedule().flatMap(DefragSchedule::error)
                    .<Action>map(error -> new Wait(Reason.InvalidDefragSchedule, error)).orElse(null);
        }
        Optional<String> unsettled = unsettled(o, view);
        if (unsettled.isPresent()) {
            return new Wait(Reason.DefragDeferred, "defragmentation of "
                    + due.stream().map(d -> d.member().name()).collect(Collectors.joining(", "))
                    + " deferred: " + unsettled.get());
        }
        RaftMember leader = view.leader().orElseThrow();
        Due next = due.stream().min(Comparator.comparing((Due d) -> d.member().equals(leader))
                .thenComparingInt(d -> view.members().indexOf(d.member()))).orElseThrow();
        if (leaderLast && next.member().equals(leader) && view.voters().count() > 1) {
            return moveLeadership(leader, view);
        }
        return new Defragment(next.member().name(), next.member().id(), next.reason());
    }

    /** The member's defragmentation failed less than {@link #BACKOFF} ago (status.lastDefrag[].failedTime). */
    private static boolean backingOff(Observation o, RaftMember member) {
        return o.timeline().defragFailed(member.name()).map(t -> o.now().isBefore(t.plus(BACKOFF))).orElse(false);
    }

    private static List<Due> due(Observation o, ClusterView view, DefragPolicy policy) {
        return view.members().stream().flatMap(m -> view.report(m)
                .flatMap(r -> policy.due(r, Optional.ofNullable(o.lastDefrag().get(m.name())), o.now()))
                .map(reason -> new Due(m, reason)).stream()).toList();
    }

    /** What keeps the cluster from losing one member for a while, if anything. */
    static Optional<String> unsettled(Observation o, ClusterView view) {
        Optional<RaftMember> leader = view.leader();
        if (leader.isEmpty()) {
            return Optional.of("no leader");
        }
        for (RaftMember m : view.members()) {
            Optional<String> why = unsettled(o, view, m, leader.get());
            if (why.isPresent()) {
                return why;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> unsettled(Observation o, ClusterView view, RaftMember m, RaftMember leader) {
        PodState pod = o.pods().get(m.name());
        if (m.learner()) {
            return Optional.of("learner " + m.name() + " is joining");
        } else if (!view.healthy(m)) {
            return Optional.of(m.name() + " is not healthy");
        } else if (pod == null || !pod.ready() || pod.terminating()) {
            return Optional.of("Pod " + m.name() + " is not ready");
        } else if (view.raftIndex(m) < view.raftIndex(leader) - Roll.MAX_LAG) {
            return Optional.of(m.name() + " has applied " + view.raftIndex(m) + " of the leader's "
                    + view.raftIndex(leader));
        }
        return Optional.empty();
    }

    /** To the healthy voter that applied most, the lowest ordinal among equals. */
    private static Action moveLeadership(RaftMember leader, ClusterView view) {
        return moveLeadership(leader, view, Reason.DefragLeaderLast);
    }

    static Action moveLeadership(RaftMember leader, ClusterView view, Reason reason) {
        return view.voters().filter(m -> !m.equals(leader)).filter(view::healthy)
                .max(Comparator.comparingLong(view::raftIndex).thenComparing(
                        Comparator.comparingInt(view.members()::indexOf).reversed()))
                .<Action>map(to -> new MoveLeader(leader.name(), to.id(), to.name(), reason))
                .orElseGet(() -> new Wait(Reason.DefragDeferred, "no healthy voter to take leadership from "
                        + leader.name()));
    }
}
