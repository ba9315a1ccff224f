package io.revkv.operator.plan;

import static io.revkv.operator.plan.Fixtures.CLUSTER;
import static io.revkv.operator.plan.Fixtures.NEW;
import static io.revkv.operator.plan.Fixtures.current;
import static io.revkv.operator.plan.Fixtures.currentNotReady;
import static io.revkv.operator.plan.Fixtures.follows;
import static io.revkv.operator.plan.Fixtures.id;
import static io.revkv.operator.plan.Fixtures.leads;
import static io.revkv.operator.plan.Fixtures.learner;
import static io.revkv.operator.plan.Fixtures.name;
import static io.revkv.operator.plan.Fixtures.outdated;
import static io.revkv.operator.plan.Fixtures.outdatedNotReady;
import static io.revkv.operator.plan.Fixtures.replicas;
import static io.revkv.operator.plan.Fixtures.terminating;
import static io.revkv.operator.plan.Fixtures.threeOutdated;
import static io.revkv.operator.plan.Fixtures.unhealthy;
import static io.revkv.operator.plan.Fixtures.volume;
import static io.revkv.operator.plan.Fixtures.voter;
import static io.revkv.operator.plan.PlannerAssertions.decides;

import io.revkv.operator.plan.Action.AddLearner;
import io.revkv.operator.plan.Action.Done;
import io.revkv.operator.plan.Action.MoveLeader;
import io.revkv.operator.plan.Action.RecreatePod;
import io.revkv.operator.plan.Action.RestartMember;
import io.revkv.operator.plan.Action.Wait;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A rolling update of three members after a spec edit (pod hash OLD to NEW, 0.1.0 to 0.1.1), as the sequence of
 * observations a roll passes through, each row deciding from the observation alone: this is also what an operator
 * restarted at that point sees. Followers go first, one at a time, each only once the one before serves again; the
 * leader goes last, after leadership moved; unhealthy members go before healthy ones; nothing while paused,
 * scaling, leaderless or short of serving members.
 */
class PlannerRollTest {

    static final List<String> ALL = List.of(name(0), name(1), name(2));

    static Stream<Arguments> scenarios() {
        Observation edited = threeOutdated();
        return Stream.of(
                decides("the spec was edited: the first follower restarts",
                        edited, restart(1)),
                decides("its Pod is terminating: wait for it to go",
                        edited.withPods(outdated(0), terminating(1), outdated(2)),
                        new Wait(Reason.PodTerminating, "Pod kv-1 is terminating")),
                decides("its Pod is gone: it comes back on its volume with the same identity (and the new spec)",
                        edited.withPods(outdated(0), outdated(2)).withReports(leads(0, 100), follows(2, 0, 100)),
                        new RecreatePod(name(1), ALL)),
                decides("it is back but not serving yet: the next follower waits",
                        edited.withPods(outdated(0), currentNotReady(1), outdated(2))
                                .withReports(leads(0, 100), follows(2, 0, 100)),
                        new Wait(Reason.RollingUpdate, "waiting for kv-1 to serve before kv-2 restarts (2 outdated)")),
                decides("it is ready but still far behind the leader: wait",
                        edited.withPods(outdated(0), current(1), outdated(2))
                                .withReports(leads(0, 5000), follows(1, 0, 3000), follows(2, 0, 5000)),
                        new Wait(Reason.RollingUpdate, "waiting for kv-1 to serve before kv-2 restarts (2 outdated)")),
                decides("it serves, within a few entries of the leader: the second follower restarts",
                        edited.withPods(outdated(0), current(1), outdated(2))
                                .withReports(leads(0, 5000), follows(1, 0, 4500), follows(2, 0, 5000)),
                        restart(2)),
                decides("only the leader is outdated: leadership moves to the follower that applied most",
                        edited.withPods(outdated(0), current(1), current(2))
                                .withReports(leads(0, 200), follows(1, 0, 180), follows(2, 0, 195)),
                        new MoveLeader(name(0), id(2), name(2), Reason.LeaderLast)),
                decides("followers equally caught up: leadership moves to the lowest ordinal",
                        edited.withPods(outdated(0), current(1), current(2)),
                        new MoveLeader(name(0), id(1), name(1), Reason.LeaderLast)),
                decides("the old leader follows now: it restarts last",
                        edited.withPods(outdated(0), current(1), current(2))
                                .withReports(follows(0, 2, 200), follows(1, 2, 200), leads(2, 200)),
                        restart(0)),
                decides("leadership came back to the outdated member by an election: it moves again",
                        edited.withPods(outdated(0), current(1), current(2))
                                .withReports(leads(0, 300), follows(1, 0, 300), follows(2, 0, 300)),
                        new MoveLeader(name(0), id(1), name(1), Reason.LeaderLast)),
                decides("every Pod runs the new spec: done",
                        edited.withPods(current(0), current(1), current(2)),
                        new Done()),
                decides("an unhealthy outdated member goes first, before the followers in ordinal order",
                        edited.withPods(outdated(0), outdated(1), outdatedNotReady(2))
                                .withReports(leads(0, 100), follows(1, 0, 100), unhealthy(2, 0, 100)),
                        restart(2)),
                decides("an unhealthy outdated leader goes first, after leadership moves off it",
                        edited.withReports(unhealthy(0, 0, 100), follows(1, 0, 100), follows(2, 0, 100)),
                        new MoveLeader(name(0), id(1), name(1), Reason.LeaderLast)),
                decides("two members unhealthy: nothing restarts, another would be down",
                        edited.withReports(leads(0, 100), unhealthy(1, 0, 100), unhealthy(2, 0, 100)),
                        new Wait(Reason.RollingUpdate, "waiting for kv-2 to serve before kv-1 restarts (3 outdated)")),
                decides("a current member is unhealthy: no outdated one restarts",
                        edited.withPods(current(0), outdated(1), outdated(2))
                                .withReports(unhealthy(0, 0, 100), follows(1, 0, 100), follows(2, 0, 100)),
                        new Wait(Reason.RollingUpdate, "waiting for kv-0 to serve before kv-1 restarts (2 outdated)")),
                decides("no leader: nothing restarts",
                        edited.withReports(follows(0, 9, 100), follows(1, 9, 100), follows(2, 9, 100)),
                        new Wait(Reason.NoLeader, "no leader: the rolling update waits")),
                decides("paused: nothing restarts",
                        edited.withDesired(new Desired("kv", 3, true, false, NEW, "0.1.1")),
                        new Wait(Reason.Paused, "spec.paused is true: the operator changes nothing; when resumed it would "
                                + "RestartMember[member=kv-1, podHash=new1, reason=MemberOutdated]")),
                decides("a learner is catching up: it is promoted before anything restarts",
                        edited.withMembership(voter(0), voter(1), learner(2))
                                .withReports(leads(0, 1000), follows(1, 0, 1000), follows(2, 0, 10)),
                        new Wait(Reason.LearnerCatchingUp, "learner kv-2 has applied 10 of the leader's 1000")),
                decides("scaling up is under way: the new member joins before anything restarts",
                        edited.withDesired(replicas(4).withPod(NEW, "0.1.1")),
                        new AddLearner(name(3))),
                decides("one minor step up: rolled",
                        edited.withDesired(replicas(3).withPod(NEW, "0.2.0")), restart(1)),
                decides("a patch downgrade: rolled",
                        edited.withDesired(replicas(3).withPod(NEW, "0.1.0-rc.1")), restart(1)),
                decides("two minor steps up: refused",
                        edited.withDesired(replicas(3).withPod(NEW, "0.3.0")),
                        new Wait(Reason.UnsupportedUpgrade, "from 0.1.0 to 0.3.0 is more than a patch or one minor "
                                + "step up; upgrade one minor version at a time")),
                decides("a minor downgrade: refused",
                        edited.withPods(outdated(0), current(1), outdated(2)).withDesired(replicas(3).withPod(NEW, "0.0.9")),
                        new Wait(Reason.UnsupportedUpgrade, "from 0.1.0 to 0.0.9 is more than a patch or one minor "
                                + "step up; upgrade one minor version at a time")),
                decides("a Pod recording no hash (built before hashes were recorded) is outdated",
                        edited.withPods(current(0), new PodState(name(1), true, false), current(2)), restart(1)),
                decides("a single member restarts in place: there is nobody to keep a quorum with",
                        Observation.empty(replicas(1).withPod(NEW, "0.1.1")).withClusterId(CLUSTER)
                                .withMembership(voter(0)).withPods(outdated(0)).withVolumes(volume(0))
                                .withReports(leads(0, 100)),
                        restart(0)));
    }

    private static RestartMember restart(int ordinal) {
        return new RestartMember(name(ordinal), NEW, Reason.MemberOutdated);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void decidesTheNextAction(String scenario, Observation observation, Action expected) {
        PlannerAssertions.assertNext(scenario, observation, expected);
    }
}
