package io.revkv.operator.plan;

import static io.revkv.operator.plan.Fixtures.CLUSTER;
import static io.revkv.operator.plan.Fixtures.follows;
import static io.revkv.operator.plan.Fixtures.id;
import static io.revkv.operator.plan.Fixtures.leads;
import static io.revkv.operator.plan.Fixtures.name;
import static io.revkv.operator.plan.Fixtures.ready;
import static io.revkv.operator.plan.Fixtures.replicas;
import static io.revkv.operator.plan.Fixtures.seedStartingNew;
import static io.revkv.operator.plan.Fixtures.terminating;
import static io.revkv.operator.plan.Fixtures.threeHealthy;
import static io.revkv.operator.plan.Fixtures.unformed;
import static io.revkv.operator.plan.Fixtures.volume;
import static io.revkv.operator.plan.Fixtures.voter;
import static io.revkv.operator.plan.PlannerAssertions.decides;

import io.revkv.operator.plan.Action.AddLearner;
import io.revkv.operator.plan.Action.DeletePod;
import io.revkv.operator.plan.Action.MoveLeader;
import io.revkv.operator.plan.Action.RecreatePod;
import io.revkv.operator.plan.Action.RemoveMember;
import io.revkv.operator.plan.Action.RetireSeedPod;
import io.revkv.operator.plan.Action.Wait;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A formed cluster losing Pods and volumes: a deleted Pod comes back with the same identity and volume; a lost
 * volume is data loss, repaired by removing the member and letting a new one join, never by a new bootstrap.
 */
class PlannerRepairTest {

    static final List<String> ALL = List.of(name(0), name(1), name(2));

    static Stream<Arguments> scenarios() {
        Observation healthy = threeHealthy();
        return Stream.of(
                decides("a follower's Pod was deleted: it comes back with its name and volume",
                        healthy.withPods(ready(0), ready(2)).withReports(leads(0, 100), follows(2, 0, 100)),
                        new RecreatePod(name(1), ALL)),
                decides("the leader's Pod was deleted: it comes back too",
                        healthy.withPods(ready(1), ready(2)).withReports(leads(1, 100), follows(2, 1, 100)),
                        new RecreatePod(name(0), ALL)),
                decides("a Pod is still terminating: its replacement waits",
                        healthy.withPods(ready(0), terminating(1), ready(2)),
                        new Wait(Reason.PodTerminating, "Pod kv-1 is terminating")),
                decides("every Pod was deleted and nobody answers: the first comes back",
                        healthy.withPods().withReports().withoutMembership(), new RecreatePod(name(0), ALL)),
                decides("every Pod was deleted, two are back: the third comes back without waiting for quorum",
                        healthy.withPods(ready(0), ready(1)).withReports().withoutMembership(),
                        new RecreatePod(name(2), ALL)),
                decides("nobody answers and every volume is gone: the data is lost, never a new bootstrap",
                        healthy.withPods().withVolumes().withReports().withoutMembership(),
                        new Wait(Reason.NoMemberAnswers, "no member answers and no member volume is left: the "
                                + "cluster's data is lost, restore from a snapshot")),
                decides("nobody answers though every Pod runs: wait",
                        healthy.withReports().withoutMembership(),
                        new Wait(Reason.NoMemberAnswers, "no member answers MemberList")),
                decides("a follower's volume and Pod are gone: data loss, the member is removed",
                        healthy.withPods(ready(0), ready(2)).withVolumes(volume(0), volume(2)),
                        new RemoveMember(name(1), id(1), Reason.DataLoss)),
                decides("a follower's volume was recreated empty (no member ID on it): data loss",
                        healthy.withVolumes(volume(0), unformed(1), volume(2)),
                        new RemoveMember(name(1), id(1), Reason.DataLoss)),
                decides("a follower's volume belongs to another member: data loss",
                        healthy.withVolumes(volume(0), VolumeState.of(name(1), 0x999), volume(2)),
                        new RemoveMember(name(1), id(1), Reason.DataLoss)),
                decides("a follower's process answers as another member (its data directory was emptied): data loss",
                        healthy.withReports(leads(0, 100), new MemberReport(name(1), 0x777, CLUSTER, id(0), 0, true),
                                follows(2, 0, 100)),
                        new RemoveMember(name(1), id(1), Reason.DataLoss)),
                decides("the leader lost its volume: leadership moves to the most caught-up follower first",
                        healthy.withVolumes(unformed(0), volume(1), volume(2))
                                .withReports(leads(0, 100), follows(1, 0, 90), follows(2, 0, 95)),
                        new MoveLeader(name(0), id(2), name(2))),
                decides("a volume is deleted under its running member: wait",
                        healthy.withVolumes(volume(0), new VolumeState(name(1), java.util.OptionalLong.of(id(1)), true),
                                volume(2)),
                        new Wait(Reason.VolumeTerminating, "volume kv-1 is being deleted under its member")),
                decides("two of three lost their data: removing one would break quorum, so wait",
                        healthy.withPods(ready(0)).withVolumes(volume(0)).withReports(leads(0, 100)),
                        new Wait(Reason.QuorumAtRisk, "removing kv-1 would leave fewer healthy voters than a quorum")),
                decides("the only member lost its data: no leader can remove it, a person must restore",
                        Observation.empty(replicas(1)).withClusterId(CLUSTER).withMembership(voter(0))
                                .withPods(ready(0)).withVolumes(unformed(0)),
                        new Wait(Reason.NoLeader, "no leader to remove kv-0: the only voter lost its data, restore "
                                + "from a snapshot")),
                decides("the removed member's Pod still runs: it goes",
                        healthy.withMembership(voter(0), voter(2)).withReports(leads(0, 100), follows(2, 0, 100))
                                .withVolumes(volume(0), volume(2)),
                        new DeletePod(name(1))),
                decides("after the repair the name is free: a new learner takes it",
                        healthy.withMembership(voter(0), voter(2)).withPods(ready(0), ready(2))
                                .withReports(leads(0, 100), follows(2, 0, 100)).withVolumes(volume(0), volume(2)),
                        new AddLearner(name(1))),
                decides("the only member's Pod still starts a new cluster: it is replaced as soon as the cluster formed",
                        Observation.empty(replicas(3)).withClusterId(CLUSTER).withMembership(voter(0))
                                .withPods(seedStartingNew(0)).withVolumes(volume(0)).withReports(leads(0, 5)),
                        new RetireSeedPod(name(0))),
                decides("the seed's Pod of a grown cluster still starts a new cluster: replaced, the others keep quorum",
                        healthy.withPods(seedStartingNew(0), ready(1), ready(2)),
                        new RetireSeedPod(name(0))),
                decides("the seed's Pod would be replaced while another voter is down: wait for quorum",
                        healthy.withPods(seedStartingNew(0), ready(1), ready(2))
                                .withReports(leads(0, 100), follows(2, 0, 100)),
                        new Wait(Reason.QuorumAtRisk, "restarting kv-0 as an existing member would leave fewer "
                                + "healthy voters than a quorum")),
                decides("a member reports another cluster: nothing changes",
                        healthy.withReports(leads(0, 100), follows(1, 0, 100),
                                new MemberReport(name(2), id(2), 0xBAD, id(0), 100, true)),
                        new Wait(Reason.ForeignMember, "kv-2 reports cluster bad, not c1")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void decidesTheNextAction(String scenario, Observation observation, Action expected) {
        PlannerAssertions.assertNext(scenario, observation, expected);
    }
}
