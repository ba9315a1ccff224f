package io.revkv.operator.plan;

import static io.revkv.operator.plan.Fixtures.CLUSTER;
import static io.revkv.operator.plan.Fixtures.follows;
import static io.revkv.operator.plan.Fixtures.id;
import static io.revkv.operator.plan.Fixtures.leads;
import static io.revkv.operator.plan.Fixtures.learner;
import static io.revkv.operator.plan.Fixtures.name;
import static io.revkv.operator.plan.Fixtures.ready;
import static io.revkv.operator.plan.Fixtures.unhealthy;
import static io.revkv.operator.plan.Fixtures.volume;
import static io.revkv.operator.plan.Fixtures.voter;
import static io.revkv.operator.plan.PlannerAssertions.decides;

import io.revkv.operator.plan.Action.DeleteVolume;
import io.revkv.operator.plan.Action.Done;
import io.revkv.operator.plan.Action.MoveLeader;
import io.revkv.operator.plan.Action.RemoveMember;
import io.revkv.operator.plan.Action.Wait;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Fewer replicas than members: learners and unhealthy members go first, the leader last, after leadership moved. */
class PlannerShrinkTest {

    static Observation three(int replicas, boolean deleteScaledVolumes) {
        Observation healthy = Fixtures.threeHealthy();
        return new Observation(new Desired("kv", replicas, false, deleteScaledVolumes), healthy.clusterId(),
                healthy.pods(), healthy.volumes(), healthy.membership(), healthy.reports());
    }

    static Stream<Arguments> scenarios() {
        return Stream.of(
                decides("three healthy voters to one: the highest ordinal goes first", three(1, false),
                        new RemoveMember(name(2), id(2), Reason.ScaleDown)),
                decides("an unhealthy voter goes before a healthy one",
                        three(2, false).withReports(leads(0, 100), unhealthy(1, 0, 100), follows(2, 0, 100)),
                        new RemoveMember(name(1), id(1), Reason.ScaleDown)),
                decides("the leader has the highest ordinal: leadership moves to the most caught-up follower",
                        three(2, false).withReports(follows(0, 2, 99), follows(1, 2, 100), leads(2, 100)),
                        new MoveLeader(name(2), id(1), name(1))),
                decides("a learner goes before any voter",
                        three(2, false).withMembership(voter(0), learner(1), voter(2)),
                        new RemoveMember(name(1), id(1), Reason.ScaleDown)),
                decides("one voter down of three, shrinking to two: the down one goes, the quorum of two stays",
                        three(2, false).withReports(leads(0, 100), follows(1, 0, 100)),
                        new RemoveMember(name(2), id(2), Reason.ScaleDown)),
                decides("four voters, two down, shrinking to three: 2 of 4 cannot commit the removal, nothing is tried",
                        new Observation(new Desired("kv", 3, false, false), java.util.OptionalLong.of(CLUSTER),
                                Fixtures.threeHealthy().withPods(ready(0), ready(1), ready(2), ready(3)).pods(),
                                Fixtures.threeHealthy().withVolumes(volume(0), volume(1), volume(2), volume(3)).volumes(),
                                java.util.Optional.of(java.util.List.of(voter(0), voter(1), voter(2), voter(3))),
                                Fixtures.threeHealthy().withReports(leads(0, 100), follows(1, 0, 100)).reports()),
                        new Wait(Reason.QuorumLost, "2 of 4 voters do not answer: kv-2, kv-3; a quorum needs 3, so "
                                + "nothing is changed until they are back")),
                decides("the removed member's volume stays by default: done", three(2, false)
                                .withMembership(voter(0), voter(1)).withPods(ready(0), ready(1))
                                .withReports(leads(0, 100), follows(1, 0, 100)),
                        new Done()),
                decides("whenScaled Delete: the removed member's volume goes once its Pod is gone", three(2, true)
                                .withMembership(voter(0), voter(1)).withPods(ready(0), ready(1))
                                .withReports(leads(0, 100), follows(1, 0, 100)),
                        new DeleteVolume(name(2))),
                decides("whenScaled Delete: a volume waits for its Pod to go", three(2, true)
                                .withMembership(voter(0), voter(1))
                                .withReports(leads(0, 100), follows(1, 0, 100)),
                        new Action.DeletePod(name(2))),
                decides("three voters, two down, shrinking to one: the quorum is lost, nobody is removed",
                        three(1, false).withReports(leads(0, 100)),
                        new Wait(Reason.QuorumLost, "2 of 3 voters do not answer: kv-1, kv-2; a quorum needs 2, "
                                + "so nothing is changed until they are back")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void decidesTheNextAction(String scenario, Observation observation, Action expected) {
        PlannerAssertions.assertNext(scenario, observation, expected);
    }
}
