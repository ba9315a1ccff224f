package io.revkv.operator.plan;

import static io.revkv.operator.plan.Fixtures.CLUSTER;
import static io.revkv.operator.plan.Fixtures.follows;
import static io.revkv.operator.plan.Fixtures.id;
import static io.revkv.operator.plan.Fixtures.leads;
import static io.revkv.operator.plan.Fixtures.name;
import static io.revkv.operator.plan.Fixtures.notReady;
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
import io.revkv.operator.plan.Action.ReplaceMember;
import io.revkv.operator.plan.Action.RetireSeedPod;
import io.revkv.operator.plan.Action.Wait;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A formed cluster losing Pods and volumes: a deleted Pod comes back with the same identity and volume; a lost
 * volume, an emptied data directory the store refuses, a volume deleted under its member or a store that keeps
 * failing is data loss, repaired by replacing the member (removed, its volume and Pod deleted, a new learner under
 * its name), only while the others keep a quorum, never by a new bootstrap.
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
                decides("a follower's volume and Pod are gone: data loss, the member is replaced",
                        healthy.withPods(ready(0), ready(2)).withVolumes(volume(0), volume(2)),
                        new ReplaceMember(name(1), id(1), "volume kv-1 is gone")),
                decides("a follower's volume was recreated empty (no member ID on it): data loss",
                        healthy.withVolumes(volume(0), unformed(1), volume(2)),
                        new ReplaceMember(name(1), id(1), "volume kv-1 was recreated empty")),
                decides("a follower's volume belongs to another member: data loss",
                        healthy.withVolumes(volume(0), VolumeState.of(name(1), 0x999), volume(2)),
                        new ReplaceMember(name(1), id(1), "volume kv-1 holds the data of member 999")),
                decides("a follower's process answers as another member (its data directory was emptied): data loss",
                        healthy.withReports(leads(0, 100), new MemberReport(name(1), 0x777, CLUSTER, id(0), 0, true),
                                follows(2, 0, 100)),
                        new ReplaceMember(name(1), id(1), "kv-1 answers as member 777: its data directory was emptied")),
                decides("the leader lost its volume: leadership moves to the most caught-up follower first",
                        healthy.withVolumes(unformed(0), volume(1), volume(2))
                                .withReports(leads(0, 100), follows(1, 0, 90), follows(2, 0, 95)),
                        new MoveLeader(name(0), id(2), name(2))),
                decides("a volume is deleted under its running member (kubectl delete pvc): it is replaced",
                        healthy.withVolumes(volume(0), deleted(1), volume(2)),
                        new ReplaceMember(name(1), id(1), "volume kv-1 is being deleted under its member")),
                decides("the leader's volume is deleted under it: leadership moves first",
                        healthy.withVolumes(deleted(0), volume(1), volume(2)),
                        new MoveLeader(name(0), id(1), name(1))),
                decides("a volume is deleted while another member is down: wait for quorum, the Pod keeps it",
                        healthy.withVolumes(volume(0), deleted(1), volume(2))
                                .withReports(leads(0, 100), follows(1, 0, 100)),
                        new Wait(Reason.QuorumAtRisk, "removing kv-1 would leave fewer healthy voters than a quorum")),
                decides("a follower's store refused its emptied data directory: it is replaced",
                        healthy.withPods(ready(0), refused(1), ready(2))
                                .withReports(leads(0, 100), follows(2, 0, 100)),
                        new ReplaceMember(name(1), id(1), "the store of kv-1 refused its data directory: "
                                + REFUSAL)),
                decides("the seed's Pod, emptied, names only itself to join: nobody answers, it is replaced",
                        healthy.withPods(notReady(0).withRestarts(1, new ContainerTermination(1, "--initial-cluster-state "
                                        + "existing: no member of --initial-cluster [] answered in 30 s; check that they "
                                        + "run and that their peer URLs are right\nFailed to start quarkus",
                                        Instant.EPOCH, Instant.EPOCH.plusSeconds(35))), ready(1), ready(2))
                                .withReports(leads(1, 100), follows(2, 1, 100)),
                        new ReplaceMember(name(0), id(0), "the store of kv-0 found its data directory empty and tried "
                                + "to join anew: --initial-cluster-state existing: no member of --initial-cluster [] "
                                + "answered in 30 s; check that they run and that their peer URLs are right")),
                decides("the refusal while another voter is down: removing it would break quorum, so wait",
                        healthy.withPods(ready(0), refused(1), ready(2)).withReports(leads(0, 100)),
                        new Wait(Reason.QuorumAtRisk, "removing kv-1 would leave fewer healthy voters than a quorum")),
                decides("a follower's store keeps failing (5 restarts, the last run 3 s): it is replaced",
                        healthy.withPods(ready(0), crashLooping(1, 5, Duration.ofSeconds(3)), ready(2))
                                .withReports(leads(0, 100), follows(2, 0, 100)),
                        new ReplaceMember(name(1), id(1), "the store of kv-1 keeps failing: 5 restarts, the last after "
                                + "3 s with exit code 1: java.lang.OutOfMemoryError")),
                decides("the failing store runs a spec no ready Pod runs (a broken image mid-roll): nobody is replaced",
                        healthy.withDesired(healthy.desired().withPod("new", "0.1.1")).withPods(new PodState(name(0), true, false, "old", "0.1.0"),
                                        new PodState(name(1), false, false, "new", "0.1.1").withRestarts(5,
                                                new ContainerTermination(1, "exec format error", Instant.EPOCH,
                                                        Instant.EPOCH.plusSeconds(1))),
                                        new PodState(name(2), true, false, "old", "0.1.0"))
                                .withReports(leads(0, 100), follows(2, 0, 100)),
                        new Wait(Reason.RollingUpdate, "waiting for kv-1 to serve before kv-2 restarts (2 outdated)")),
                decides("4 restarts are not yet a store that keeps failing: wait",
                        healthy.withPods(ready(0), crashLooping(1, 4, Duration.ofSeconds(3)), ready(2))
                                .withReports(leads(0, 100), follows(2, 0, 100)),
                        new Wait(Reason.MemberUnhealthy, "kv-1 is not healthy")),
                decides("many restarts, but the last run served for an hour: a failure, not a crash loop; wait",
                        healthy.withPods(ready(0), crashLooping(1, 9, Duration.ofHours(1)), ready(2))
                                .withReports(leads(0, 100), follows(2, 0, 100)),
                        new Wait(Reason.MemberUnhealthy, "kv-1 is not healthy")),
                decides("a member that refused once and now answers as itself is left alone",
                        healthy.withPods(ready(0), ready(1).withRestarts(1, refusal(Duration.ofSeconds(2))), ready(2)),
                        new Action.Done()),
                decides("the replaced member's Pod is still terminating: nothing joins before it goes",
                        healthy.withMembership(voter(0), voter(2)).withPods(ready(0), terminating(1), ready(2))
                                .withReports(leads(0, 100), follows(2, 0, 100)),
                        new Wait(Reason.PodTerminating, "Pod kv-1 of a removed member is terminating")),
                decides("the replaced member's volume waits for its Pod: nothing joins before it goes",
                        healthy.withMembership(voter(0), voter(2)).withPods(ready(0), ready(2))
                                .withVolumes(volume(0), deleted(1), volume(2))
                                .withReports(leads(0, 100), follows(2, 0, 100)),
                        new Wait(Reason.VolumeTerminating, "volume kv-1 of a removed member is being deleted")),
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

    static final String REFUSAL = "member 101 has already been bootstrapped (its data directory is empty: remove "
            + "it with etcdctl member remove 101, add it again with etcdctl member add, then start it)";

    /** A ready-less Pod whose store refused its emptied data directory, restarted twice by kubelet. */
    static PodState refused(int ordinal) {
        return notReady(ordinal).withRestarts(2, refusal(Duration.ofSeconds(4)));
    }

    static ContainerTermination refusal(Duration ran) {
        return new ContainerTermination(1, REFUSAL + "\nFailed to start application", Instant.EPOCH,
                Instant.EPOCH.plus(ran));
    }

    static PodState crashLooping(int ordinal, int restarts, Duration lastRun) {
        return notReady(ordinal).withRestarts(restarts, new ContainerTermination(1, "java.lang.OutOfMemoryError",
                Instant.EPOCH, Instant.EPOCH.plus(lastRun)));
    }

    /** A member's claim after kubectl delete pvc: Terminating, held by its Pod. */
    static VolumeState deleted(int ordinal) {
        return new VolumeState(name(ordinal), OptionalLong.of(id(ordinal)), true);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void decidesTheNextAction(String scenario, Observation observation, Action expected) {
        PlannerAssertions.assertNext(scenario, observation, expected);
    }
}
