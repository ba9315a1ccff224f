package io.revkv.operator.plan;

import static io.revkv.operator.plan.Fixtures.CLUSTER;
import static io.revkv.operator.plan.Fixtures.follows;
import static io.revkv.operator.plan.Fixtures.id;
import static io.revkv.operator.plan.Fixtures.learner;
import static io.revkv.operator.plan.Fixtures.leads;
import static io.revkv.operator.plan.Fixtures.name;
import static io.revkv.operator.plan.Fixtures.notReady;
import static io.revkv.operator.plan.Fixtures.ready;
import static io.revkv.operator.plan.Fixtures.replicas;
import static io.revkv.operator.plan.Fixtures.unhealthy;
import static io.revkv.operator.plan.Fixtures.unstartedLearner;
import static io.revkv.operator.plan.Fixtures.volume;
import static io.revkv.operator.plan.Fixtures.voter;
import static io.revkv.operator.plan.PlannerAssertions.decides;

import io.revkv.operator.plan.Action.AddLearner;
import io.revkv.operator.plan.Action.Done;
import io.revkv.operator.plan.Action.PromoteLearner;
import io.revkv.operator.plan.Action.StartMember;
import io.revkv.operator.plan.Action.Wait;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * After the seed formed the cluster, every other member joins as the scale-up path has it: added as a learner,
 * started with --initial-cluster-state existing, promoted once caught up; one learner at a time.
 */
class PlannerJoinTest {

    /** The seed alone, leading, latched: the start of every join. */
    static Observation seedAlone(int replicas) {
        return Observation.empty(replicas(replicas)).withClusterId(CLUSTER).withMembership(voter(0))
                .withPods(ready(0)).withVolumes(volume(0)).withReports(leads(0, 10));
    }

    static Stream<Arguments> scenarios() {
        Observation learnerAdded = seedAlone(3).withMembership(voter(0), unstartedLearner(1));
        Observation learnerStarting = learnerAdded.withPods(ready(0), notReady(1)).withVolumes(volume(0), volume(1));
        Observation learnerStarted = learnerStarting.withMembership(voter(0), learner(1));
        return Stream.of(
                decides("a single member formed: done", seedAlone(1), new Done()),
                decides("the seed alone of three: the second member is added as a learner", seedAlone(3),
                        new AddLearner(name(1))),
                decides("the learner is in the group: its volume and Pod are created to join the existing cluster",
                        learnerAdded, new StartMember(name(1), id(1), List.of(name(0), name(1)))),
                decides("the learner's Pod runs but the member has not started: wait, add no other",
                        learnerStarting, new Wait(Reason.LearnerCatchingUp, "waiting for learner kv-1 to start")),
                decides("the learner started but is behind: wait",
                        learnerStarted.withReports(leads(0, 1000), follows(1, 0, 899)),
                        new Wait(Reason.LearnerCatchingUp, "learner kv-1 has applied 899 of the leader's 1000")),
                decides("the learner reached 90% of the leader's index: promoted",
                        learnerStarted.withReports(leads(0, 1000), follows(1, 0, 900)),
                        new PromoteLearner(name(1), id(1))),
                decides("a caught-up learner that reports an error is not promoted",
                        learnerStarted.withReports(leads(0, 1000), unhealthy(1, 0, 1000)),
                        new Wait(Reason.LearnerCatchingUp, "learner kv-1 has applied 1000 of the leader's 1000")),
                decides("a caught-up learner without a leader is not promoted",
                        learnerStarted.withReports(follows(0, 7, 1000), follows(1, 7, 1000)),
                        new Wait(Reason.NoLeader, "no leader to promote learner kv-1")),
                decides("two voters of three: the third is added as a learner",
                        seedAlone(3).withMembership(voter(0), voter(1)).withPods(ready(0), ready(1))
                                .withVolumes(volume(0), volume(1)).withReports(leads(0, 50), follows(1, 0, 50)),
                        new AddLearner(name(2))),
                decides("a member is unhealthy: no member joins until it recovers",
                        seedAlone(3).withMembership(voter(0), voter(1)).withPods(ready(0), ready(1))
                                .withVolumes(volume(0), volume(1)).withReports(leads(0, 50), unhealthy(1, 0, 50)),
                        new Wait(Reason.MemberUnhealthy, "a member joins only a healthy cluster; kv-1 is not healthy")),
                decides("a member answers unhealthy: no member joins (one that does not answer of two is lost quorum)",
                        seedAlone(3).withMembership(voter(0), voter(1)).withPods(ready(0), ready(1))
                                .withVolumes(volume(0), volume(1))
                                .withReports(leads(0, 50), Fixtures.unhealthy(1, 0, 50)),
                        new Wait(Reason.MemberUnhealthy, "a member joins only a healthy cluster; kv-1 is not healthy")),
                decides("no leader: no member joins",
                        seedAlone(3).withReports(follows(0, 5, 10)),
                        new Wait(Reason.NoLeader, "no leader to add a member")),
                decides("the second learner is started with the voters and itself as its initial cluster",
                        Fixtures.threeHealthy().withMembership(voter(0), voter(1), unstartedLearner(2))
                                .withPods(ready(0), ready(1)).withVolumes(volume(0), volume(1))
                                .withReports(leads(0, 100), follows(1, 0, 100)),
                        new StartMember(name(2), id(2), List.of(name(0), name(1), name(2)))),
                decides("three healthy voters: done", Fixtures.threeHealthy(), new Done()),
                decides("three healthy voters, a Pod not ready yet: wait",
                        Fixtures.threeHealthy().withPods(ready(0), ready(1), notReady(2)),
                        new Wait(Reason.MemberUnhealthy, "Pod kv-2 is not ready")),
                decides("a learner's new name skips a name whose volume is retained",
                        seedAlone(3).withVolumes(volume(0), Fixtures.unformed(1)), new AddLearner(name(2))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void decidesTheNextAction(String scenario, Observation observation, Action expected) {
        PlannerAssertions.assertNext(scenario, observation, expected);
    }
}
