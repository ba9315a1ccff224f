package io.revkv.operator.plan;

import io.revkv.operator.plan.Action.Wait;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Deadlines for the waits that depend on one member getting somewhere: a learner catching up, a Pod becoming
 * ready. When the planner would wait on such a step and a member has been at it for {@link #DEADLINE}, the wait is
 * reported as stuck instead ({@link Reason#LearnerStuck}, {@link Reason#MemberNotReady}), naming the member and for
 * how long, so that the status (Progressing=False, Degraded=True) and a Warning Event say so rather than the
 * operator looping silently. The planner still only waits: the stuck member is left as it is, since every
 * disruptive remedy (removing the learner to re-add it, restarting the Pod) would repeat the step that got stuck,
 * and the roll and membership changes stay blocked as before, so nothing gets worse.
 *
 * <p>The start of a step is read from Kubernetes, not remembered ({@link Timeline}): a learner is timed from its
 * Pod's creation (StartMember created it), a Pod that is not ready from the later of its creation and its Ready
 * condition's last transition. An operator restarted mid-way therefore keeps the same clock. A member that is
 * unhealthy while its Pod is ready has no such start and is not timed.
 *
 * <p>Only waits on progress are timed: a change the planner can make is never held back by a deadline (restarting
 * a stuck outdated member is the roll's first step anyway).
 */
final class StuckSteps {

    /** How long a learner may take to catch up, and a member's Pod to become ready, before it counts as stuck. */
    static final Duration DEADLINE = Duration.ofMinutes(10);

    private static final Set<Reason> WAITS_ON_A_MEMBER = EnumSet.of(Reason.SeedStarting, Reason.LearnerCatchingUp,
            Reason.RollingUpdate, Reason.MemberUnhealthy, Reason.DefragDeferred);

    /** The action, or a stuck wait in place of a wait on a member past its deadline. */
    Action timed(Observation o, Action action) {
        if (!(action instanceof Wait wait) || !WAITS_ON_A_MEMBER.contains(wait.reason())) {
            return action;
        }
        Optional<Wait> stuck = o.membership().isPresent() ? stuckLearner(o, new ClusterView(o)) : Optional.empty();
        return stuck.or(() -> podNotReady(o))
                .<Action>map(s -> new Wait(s.reason(), s.detail() + "; still waiting: " + wait.detail()))
                .orElse(action);
    }

    private static Optional<Wait> stuckLearner(Observation o, ClusterView view) {
        for (RaftMember learner : view.learners().toList()) {
            PodState pod = o.pods().get(learner.name());
            Optional<Duration> waited = o.timeline().created(learner.name()).map(t -> Duration.between(t, o.now()));
            if (pod == null || pod.terminating() || waited.isEmpty() || waited.get().compareTo(DEADLINE) < 0) {
                continue;
            }
            if (!learner.started()) {
                return Optional.of(new Wait(Reason.LearnerStuck, "learner " + learner.name() + " has not started "
                        + format(waited.get()) + " after its Pod was created (deadline " + format(DEADLINE) + ")"));
            }
            Optional<RaftMember> leader = view.leader();
            if (leader.isPresent() && (!view.caughtUp(learner, leader.get()) || !view.healthy(learner))) {
                return Optional.of(new Wait(Reason.LearnerStuck, "learner " + learner.name() + " has not caught up "
                        + format(waited.get()) + " after its Pod was created (deadline " + format(DEADLINE)
                        + "): it applied " + view.raftIndex(learner) + " of the leader's "
                        + view.raftIndex(leader.get())));
            }
        }
        return Optional.empty();
    }

    private static Optional<Wait> podNotReady(Observation o) {
        return o.pods().values().stream().filter(p -> !p.ready() && !p.terminating())
                .sorted(Comparator.comparingInt((PodState p) -> ordinal(o, p)).thenComparing(PodState::member))
                .flatMap(p -> o.timeline().readinessSince(p.member()).map(since -> Duration.between(since, o.now()))
                        .filter(waited -> waited.compareTo(DEADLINE) >= 0)
                        .map(waited -> new Wait(Reason.MemberNotReady, "Pod " + p.member() + " has not been ready for "
                                + format(waited) + " (deadline " + format(DEADLINE) + ")")).stream())
                .findFirst();
    }

    private static int ordinal(Observation o, PodState p) {
        int ordinal = o.desired().ordinal(p.member());
        return ordinal < 0 ? Integer.MAX_VALUE : ordinal;
    }

    /** As Go prints a duration, to the second: 45s, 12m5s, 1h2m0s. */
    static String format(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m" + (s % 60) + "s";
        }
        return (s / 3600) + "h" + (s % 3600 / 60) + "m" + (s % 60) + "s";
    }
}
