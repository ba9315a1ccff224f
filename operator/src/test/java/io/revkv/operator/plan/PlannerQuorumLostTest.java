package io.revkv.operator.plan;

import static io.revkv.operator.plan.Fixtures.NEW;
import static io.revkv.operator.plan.Fixtures.current;
import static io.revkv.operator.plan.Fixtures.follows;
import static io.revkv.operator.plan.Fixtures.leads;
import static io.revkv.operator.plan.Fixtures.learner;
import static io.revkv.operator.plan.Fixtures.name;
import static io.revkv.operator.plan.Fixtures.outdated;
import static io.revkv.operator.plan.Fixtures.ready;
import static io.revkv.operator.plan.Fixtures.replicas;
import static io.revkv.operator.plan.Fixtures.threeHealthy;
import static io.revkv.operator.plan.Fixtures.unhealthy;
import static io.revkv.operator.plan.Fixtures.volume;
import static io.revkv.operator.plan.Fixtures.voter;
import static io.revkv.operator.plan.PlannerAssertions.decides;

import io.revkv.operator.plan.Action.RecreatePod;
import io.revkv.operator.plan.Action.Wait;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two of three voters down: the group cannot commit. Whatever the spec asks (more members, fewer, a new version, a
 * defragmentation), the planner changes no membership, restarts and defragments nobody, and says why; it only gives
 * a deleted member its Pod back, which can only bring the quorum back.
 */
class PlannerQuorumLostTest {

    private static final Wait TWO_DOWN = new Wait(Reason.QuorumLost, "2 of 3 voters do not answer: kv-1, kv-2; "
            + "a quorum needs 2, so nothing is changed until they are back");

    /** kv-0 alone answers (and may still believe it leads); kv-1 and kv-2 do not. */
    static Observation twoDown() {
        return threeHealthy().withReports(leads(0, 100));
    }

    static Stream<Arguments> scenarios() {
        Observation twoDown = twoDown();
        return Stream.of(
                decides("in sync otherwise: wait, naming the voters down", twoDown, TWO_DOWN),
                decides("they answer, unhealthy (an alarm): the quorum votes, this is not lost quorum",
                        twoDown.withReports(leads(0, 100), unhealthy(1, 0, 100), unhealthy(2, 0, 100)),
                        new Wait(Reason.MemberUnhealthy, "kv-1 is not healthy")),
                decides("replicas raised to 5: no learner is added", twoDown.withDesired(replicas(5)), TWO_DOWN),
                decides("replicas lowered to 1: nobody is removed", twoDown.withDesired(replicas(1)), TWO_DOWN),
                decides("a version change: no restart, no leadership move",
                        twoDown.withDesired(replicas(3).withPod(NEW, "0.1.1")).withPods(outdated(0), outdated(1),
                                outdated(2)), TWO_DOWN),
                decides("half-way through a roll: the rest waits",
                        twoDown.withDesired(replicas(3).withPod(NEW, "0.1.1")).withPods(outdated(0), current(1),
                                current(2)), TWO_DOWN),
                decides("a defragmentation is due: deferred",
                        PlannerDefragTest.due().withReports(PlannerDefragTest.fragmented(leads(0, 100))), TWO_DOWN),
                decides("a down member's volume is gone: no repair (it would remove a voter)",
                        twoDown.withVolumes(volume(0), volume(1)), new Wait(Reason.QuorumAtRisk,
                                "removing kv-2 would leave fewer healthy voters than a quorum")),
                decides("a learner caught up: not promoted",
                        twoDown.withDesired(replicas(4)).withMembership(voter(0), voter(1), voter(2), learner(3))
                                .withPods(ready(0), ready(1), ready(2), ready(3))
                                .withVolumes(volume(0), volume(1), volume(2), volume(3))
                                .withReports(leads(0, 100), follows(3, 0, 100)), TWO_DOWN),
                decides("a down member's Pod was deleted: it is made again, on its volume",
                        twoDown.withPods(ready(0), ready(2)), new RecreatePod(name(1), List.of(name(0), name(1),
                                name(2)))),
                decides("one of three down keeps the quorum: not this wait (the healthy path decides)",
                        threeHealthy().withReports(leads(0, 100), follows(1, 0, 100)),
                        new Wait(Reason.MemberUnhealthy, "kv-2 is not healthy")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void nothingIsChangedWithoutAQuorum(String scenario, Observation observation, Action expected) {
        PlannerAssertions.assertNext(scenario, observation, expected);
    }

}
