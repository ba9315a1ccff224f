package io.revkv.operator.plan;

import static io.revkv.operator.plan.Fixtures.CLUSTER;
import static io.revkv.operator.plan.Fixtures.current;
import static io.revkv.operator.plan.Fixtures.currentNotReady;
import static io.revkv.operator.plan.Fixtures.follows;
import static io.revkv.operator.plan.Fixtures.learner;
import static io.revkv.operator.plan.Fixtures.leads;
import static io.revkv.operator.plan.Fixtures.name;
import static io.revkv.operator.plan.Fixtures.notReady;
import static io.revkv.operator.plan.Fixtures.outdated;
import static io.revkv.operator.plan.Fixtures.outdatedNotReady;
import static io.revkv.operator.plan.Fixtures.ready;
import static io.revkv.operator.plan.Fixtures.replicas;
import static io.revkv.operator.plan.Fixtures.threeHealthy;
import static io.revkv.operator.plan.Fixtures.threeOutdated;
import static io.revkv.operator.plan.Fixtures.unhealthy;
import static io.revkv.operator.plan.Fixtures.unstartedLearner;
import static io.revkv.operator.plan.Fixtures.volume;
import static io.revkv.operator.plan.Fixtures.voter;
import static io.revkv.operator.plan.PlannerAssertions.decides;
import static org.assertj.core.api.Assertions.assertThat;

import io.revkv.operator.plan.Action.RestartMember;
import io.revkv.operator.plan.Action.Wait;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Steps that never finish end at a deadline ({@link StuckSteps#DEADLINE}, 10 minutes) with a reason that names the
 * member and how long it has been at it; the planner still only waits. Each row's clock is the observation's
 * ({@code at}), each step's start the Pod's creation or Ready transition ({@link Timeline}), so the rows are what an
 * operator restarted at that moment would see too.
 */
class PlannerStuckStepTest {

    static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    static Instant after(Duration d) {
        return T0.plus(d);
    }

    static Duration minutes(long m) {
        return Duration.ofMinutes(m);
    }

    /** kv-0 leading alone, kv-1 a started learner at 899 of 1000, its Pod created at T0. */
    static Observation learnerBehind() {
        return Observation.empty(replicas(3)).withClusterId(CLUSTER)
                .withMembership(voter(0), learner(1))
                .withPods(ready(0), ready(1)).withVolumes(volume(0), volume(1))
                .withReports(leads(0, 1000), follows(1, 0, 899))
                .withTimeline(Timeline.NONE.withPod(name(0), T0.minus(minutes(60)), T0.minus(minutes(59)))
                        .withPod(name(1), T0, T0.plusSeconds(20)));
    }

    /** The roll restarted kv-2 (its Pod, current, was created at T0) and waits for it to be ready. */
    static Observation rollWaitingOnKv2() {
        return threeOutdated().withPods(outdated(0), outdated(1), currentNotReady(2))
                .withReports(leads(0, 100), follows(1, 0, 100), unhealthy(2, 0, 0))
                .withTimeline(Timeline.NONE.withPod(name(2), T0, T0.plusSeconds(1)));
    }

    static Stream<Arguments> scenarios() {
        Observation learnerBehind = learnerBehind();
        Observation learnerNotStarted = learnerBehind.withMembership(voter(0), unstartedLearner(1))
                .withPods(ready(0), notReady(1)).withReports(leads(0, 1000))
                .withTimeline(Timeline.NONE.withPod(name(1), T0, T0));
        Observation roll = rollWaitingOnKv2();
        Observation settledButKv1NotReady = threeHealthy().withPods(ready(0), notReady(1), ready(2))
                .withTimeline(Timeline.NONE.withPod(name(1), T0.minus(minutes(30)), T0));
        Observation seedStarting = Observation.empty(replicas(3)).withPods(notReady(0)).withVolumes(Fixtures.unformed(0))
                .withTimeline(Timeline.NONE.withPod(name(0), T0, T0));
        String catchingUp = "learner kv-1 has applied 899 of the leader's 1000";
        String rollWait = "waiting for kv-2 to serve before kv-1 restarts (2 outdated)";
        return Stream.of(
                decides("a learner behind, a second before its deadline: still catching up",
                        learnerBehind.at(after(minutes(10)).minusSeconds(1)),
                        new Wait(Reason.LearnerCatchingUp, catchingUp)),
                decides("a learner behind at its deadline: stuck, with how long and how far",
                        learnerBehind.at(after(minutes(10))),
                        new Wait(Reason.LearnerStuck, "learner kv-1 has not caught up 10m0s after its Pod was "
                                + "created (deadline 10m0s): it applied 899 of the leader's 1000; still waiting: "
                                + catchingUp)),
                decides("a learner stuck for 2 hours: the same wait, the time grows; nothing is removed",
                        learnerBehind.at(after(minutes(125))),
                        new Wait(Reason.LearnerStuck, "learner kv-1 has not caught up 2h5m0s after its Pod was "
                                + "created (deadline 10m0s): it applied 899 of the leader's 1000; still waiting: "
                                + catchingUp)),
                decides("the stuck learner caught up after all: promoted at once",
                        learnerBehind.at(after(minutes(30))).withReports(leads(0, 1000), follows(1, 0, 950)),
                        new Action.PromoteLearner(name(1), Fixtures.id(1))),
                decides("a learner whose Pod never started its member",
                        learnerNotStarted.at(after(minutes(11))),
                        new Wait(Reason.LearnerStuck, "learner kv-1 has not started 11m0s after its Pod was created "
                                + "(deadline 10m0s); still waiting: waiting for learner kv-1 to start")),
                decides("without a timeline (a Pod without a creationTimestamp) nothing is timed",
                        learnerBehind.withTimeline(Timeline.NONE).at(after(minutes(600))),
                        new Wait(Reason.LearnerCatchingUp, catchingUp)),
                decides("the roll waits for the restarted kv-2, 9 minutes in: still rolling",
                        roll.at(after(minutes(9))), new Wait(Reason.RollingUpdate, rollWait)),
                decides("kv-2 not ready 10 minutes after its Ready condition went False: stuck, the roll goes no "
                                + "further",
                        roll.at(after(minutes(10)).plusSeconds(1)),
                        new Wait(Reason.MemberNotReady, "Pod kv-2 has not been ready for 10m0s (deadline 10m0s); "
                                + "still waiting: " + rollWait)),
                decides("a new Pod is timed from its creation, not from its predecessor's Ready transition",
                        roll.withTimeline(Timeline.NONE.withPod(name(2), T0, T0.minus(minutes(50))))
                                .at(after(minutes(9))),
                        new Wait(Reason.RollingUpdate, rollWait)),
                decides("a stuck member the roll can restart is restarted: a deadline never holds back a change",
                        threeOutdated().withPods(outdated(0), outdated(1), outdatedNotReady(2))
                                .withTimeline(Timeline.NONE.withPod(name(2), T0, T0)).at(after(minutes(45))),
                        new RestartMember(name(2), Fixtures.NEW, Reason.MemberOutdated)),
                decides("a settled cluster whose kv-1 Pod has not been ready for 25 minutes",
                        settledButKv1NotReady.at(after(minutes(25))),
                        new Wait(Reason.MemberNotReady, "Pod kv-1 has not been ready for 25m0s (deadline 10m0s); "
                                + "still waiting: Pod kv-1 is not ready")),
                decides("the seed never reports a cluster ID: stuck after 10 minutes",
                        seedStarting.at(after(minutes(12))),
                        new Wait(Reason.MemberNotReady, "Pod kv-0 has not been ready for 12m0s (deadline 10m0s); "
                                + "still waiting: waiting for seed kv-0 to report a cluster ID")),
                decides("a terminating Pod is not stuck: its deletion is under way",
                        threeHealthy().withPods(ready(0), Fixtures.terminating(1), ready(2))
                                .withTimeline(Timeline.NONE.withPod(name(1), T0, T0)).at(after(minutes(30))),
                        new Wait(Reason.PodTerminating, "Pod kv-1 is terminating")),
                decides("paused: a stuck step is only described",
                        learnerBehind.withDesired(new Desired("kv", 3, true, false)).at(after(minutes(20))),
                        new Wait(Reason.Paused, "spec.paused is true: the operator changes nothing; when resumed it "
                                + "would wait (LearnerStuck: learner kv-1 has not caught up 20m0s after its Pod was "
                                + "created (deadline 10m0s): it applied 899 of the leader's 1000; still waiting: "
                                + catchingUp + ")")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void decidesTheNextAction(String scenario, Observation observation, Action expected) {
        PlannerAssertions.assertNext(scenario, observation, expected);
    }

    @Test
    void goDurations() {
        assertThat(StuckSteps.format(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(StuckSteps.format(Duration.ofSeconds(725))).isEqualTo("12m5s");
        assertThat(StuckSteps.format(Duration.ofSeconds(3720))).isEqualTo("1h2m0s");
    }
}
