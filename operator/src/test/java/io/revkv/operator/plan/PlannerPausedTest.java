package io.revkv.operator.plan;

import static io.revkv.operator.plan.Fixtures.CLUSTER;
import static io.revkv.operator.plan.Fixtures.follows;
import static io.revkv.operator.plan.Fixtures.learner;
import static io.revkv.operator.plan.Fixtures.leads;
import static io.revkv.operator.plan.Fixtures.name;
import static io.revkv.operator.plan.Fixtures.ready;
import static io.revkv.operator.plan.Fixtures.replicas;
import static io.revkv.operator.plan.Fixtures.threeHealthy;
import static io.revkv.operator.plan.Fixtures.threeOutdated;
import static io.revkv.operator.plan.Fixtures.volume;
import static io.revkv.operator.plan.Fixtures.voter;
import static org.assertj.core.api.Assertions.assertThat;

import io.revkv.operator.plan.Action.Done;
import io.revkv.operator.plan.Action.Wait;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * spec.paused stops every action, disruptive or not: each row is a cluster in which the planner, not paused, would
 * act (restart, move leadership, defragment, add, promote, remove a member, recreate a Pod), and paused waits with
 * reason Paused, saying what resuming would do.
 */
class PlannerPausedTest {

    private static final Planner PLANNER = new Planner();

    static Stream<Arguments> clustersWithSomethingToDo() {
        Observation defragDue = PlannerDefragTest.due();
        return Stream.of(
                Arguments.of("a roll: the first follower would restart", threeOutdated()),
                Arguments.of("the roll's last step: leadership would move off the outdated leader",
                        threeOutdated().withDesired(replicas(3).withPod(Fixtures.NEW, "0.1.1"))
                                .withPods(Fixtures.outdated(0), Fixtures.current(1), Fixtures.current(2))),
                Arguments.of("a defragmentation is due", defragDue),
                Arguments.of("the leader's defragmentation: leadership would move",
                        defragDue.withLastDefrag(Map.of(name(0), PlannerDefragTest.YESTERDAY,
                                name(1), PlannerDefragTest.JUST_NOW, name(2), PlannerDefragTest.JUST_NOW))),
                Arguments.of("growing: a learner would be added", threeHealthy().withDesired(replicas(5))),
                Arguments.of("a caught-up learner would be promoted",
                        Observation.empty(replicas(2)).withClusterId(CLUSTER).withMembership(voter(0), learner(1))
                                .withPods(ready(0), ready(1)).withVolumes(volume(0), volume(1))
                                .withReports(leads(0, 100), follows(1, 0, 100))),
                Arguments.of("shrinking: a member would be removed", threeHealthy().withDesired(replicas(1))),
                Arguments.of("a member's Pod is gone: it would be recreated",
                        threeHealthy().withPods(ready(0), ready(1))),
                Arguments.of("a member lost its volume: it would be removed to rejoin",
                        threeHealthy().withVolumes(volume(0), volume(1))),
                Arguments.of("nothing exists: the seed would be created", Observation.empty(replicas(3))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clustersWithSomethingToDo")
    void pausedDoesNothingAndSaysWhatResumingWouldDo(String scenario, Observation unpaused) {
        Action wouldDo = PLANNER.next(unpaused);
        assertThat(wouldDo).as("%s: the unpaused planner acts", scenario)
                .isNotInstanceOf(Wait.class).isNotInstanceOf(Done.class);

        Action paused = PLANNER.next(unpaused.withDesired(unpaused.desired().withPaused(true)));

        assertThat(paused).as(scenario).isEqualTo(new Wait(Reason.Paused,
                "spec.paused is true: the operator changes nothing; when resumed it would " + wouldDo));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clustersWithSomethingToDo")
    void resumingActsAgain(String scenario, Observation unpaused) {
        Observation resumed = unpaused.withDesired(unpaused.desired().withPaused(true).withPaused(false));

        assertThat(PLANNER.next(resumed)).as(scenario).isEqualTo(PLANNER.next(unpaused));
    }

    @org.junit.jupiter.api.Test
    void aSettledPausedClusterOnlySaysItIsPaused() {
        Observation settled = threeHealthy();
        assertThat(PLANNER.next(settled)).isEqualTo(new Done());

        assertThat(PLANNER.next(settled.withDesired(settled.desired().withPaused(true))))
                .isEqualTo(new Wait(Reason.Paused, "spec.paused is true: the operator changes nothing"));
    }
}
