package io.revkv.operator.plan;

import static io.revkv.operator.plan.Fixtures.NEW;
import static io.revkv.operator.plan.Fixtures.follows;
import static io.revkv.operator.plan.Fixtures.id;
import static io.revkv.operator.plan.Fixtures.leads;
import static io.revkv.operator.plan.Fixtures.learner;
import static io.revkv.operator.plan.Fixtures.name;
import static io.revkv.operator.plan.Fixtures.notReady;
import static io.revkv.operator.plan.Fixtures.outdated;
import static io.revkv.operator.plan.Fixtures.ready;
import static io.revkv.operator.plan.Fixtures.replicas;
import static io.revkv.operator.plan.Fixtures.threeHealthy;
import static io.revkv.operator.plan.Fixtures.unhealthy;
import static io.revkv.operator.plan.Fixtures.volume;
import static io.revkv.operator.plan.Fixtures.voter;
import static io.revkv.operator.plan.PlannerAssertions.decides;
import static org.assertj.core.api.Assertions.assertThat;

import io.revkv.operator.plan.Action.Defragment;
import io.revkv.operator.plan.Action.Done;
import io.revkv.operator.plan.Action.MoveLeader;
import io.revkv.operator.plan.Action.RestartMember;
import io.revkv.operator.plan.Action.Wait;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Defragmentation of three members (kv-0 leading), schedule "0 3 * * *" (UTC), minFragmentationRatio 0.5,
 * minReclaimBytes 100, quotaUsageAbove 0.8 of a 10000-byte quota. Each row decides from the observation alone:
 * the time, the members' sizes and status.lastDefrag, which is also what an operator restarted at that point sees.
 */
class PlannerDefragTest {

    static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant FIRED = Instant.parse("2026-03-01T03:00:00Z");
    static final Instant NOW = FIRED.plusSeconds(300);
    /** After the day before's firing. */
    static final Instant YESTERDAY = Instant.parse("2026-02-28T03:10:00Z");
    static final Instant JUST_NOW = FIRED.plusSeconds(60);

    static final DefragPolicy POLICY = new DefragPolicy(Optional.of(DefragSchedule.parse("0 3 * * *")), 0.5, 100,
            OptionalDouble.of(0.8), 10_000, CREATED);

    /** No schedule: the fragmentation thresholds alone decide, at any time; no quota share. */
    static final DefragPolicy THRESHOLDS_ONLY = new DefragPolicy(Optional.empty(), 0.5, 100, OptionalDouble.empty(),
            10_000, CREATED);

    /** 1000 bytes of file, 200 in use: 80% and 800 bytes to reclaim. */
    static MemberReport fragmented(MemberReport r) {
        return r.withSizes(1000, 200);
    }

    /** 1000 bytes, 600 in use: 40% free, below the ratio. */
    static MemberReport compact(MemberReport r) {
        return r.withSizes(1000, 600);
    }

    /** Three fragmented members, each defragmented after yesterday's firing; today's fired five minutes ago. */
    static Observation due() {
        Observation healthy = threeHealthy();
        return healthy.withDesired(healthy.desired().withDefrag(POLICY)).at(NOW)
                .withReports(fragmented(leads(0, 100)), fragmented(follows(1, 0, 100)), fragmented(follows(2, 0, 100)))
                .withLastDefrag(Map.of(name(0), YESTERDAY, name(1), YESTERDAY, name(2), YESTERDAY));
    }

    static Stream<Arguments> scenarios() {
        Observation due = due();
        return Stream.of(
                decides("the schedule fired and all are fragmented: the first follower first",
                        due, defrag(1, Reason.DefragScheduled)),
                decides("the schedule has not fired since the last defragmentation: nothing",
                        due.at(FIRED.minusSeconds(1)), new Done()),
                decides("no defrag spec: nothing, however fragmented",
                        due.withDesired(replicas(3)), new Done()),
                decides("never defragmented: the schedule counts from the cluster's creation",
                        due.withLastDefrag(Map.of()), defrag(1, Reason.DefragScheduled)),
                decides("kv-1 done after the firing (the operator may have restarted since): kv-2 next",
                        due.withLastDefrag(Map.of(name(0), YESTERDAY, name(1), JUST_NOW, name(2), YESTERDAY)),
                        defrag(2, Reason.DefragScheduled)),
                decides("both followers done: leadership moves off the leader first, to the follower that applied most",
                        due.withLastDefrag(Map.of(name(0), YESTERDAY, name(1), JUST_NOW, name(2), JUST_NOW))
                                .withReports(fragmented(leads(0, 200)), follows(1, 0, 190), follows(2, 0, 195)),
                        new MoveLeader(name(0), id(2), name(2), Reason.DefragLeaderLast)),
                decides("the old leader follows now: it is defragmented last",
                        due.withLastDefrag(Map.of(name(0), YESTERDAY, name(1), JUST_NOW, name(2), JUST_NOW))
                                .withReports(fragmented(follows(0, 2, 200)), follows(1, 2, 200), leads(2, 200)),
                        defrag(0, Reason.DefragScheduled)),
                decides("every member done since the firing: nothing until the next",
                        due.withLastDefrag(Map.of(name(0), JUST_NOW, name(1), JUST_NOW, name(2), JUST_NOW)),
                        new Done()),
                decides("below minFragmentationRatio: not defragmented on schedule",
                        due.withReports(compact(leads(0, 100)), compact(follows(1, 0, 100)),
                                fragmented(follows(2, 0, 100))),
                        defrag(2, Reason.DefragScheduled)),
                decides("below minReclaimBytes (90% free but only 90 bytes): not defragmented on schedule",
                        due.withReports(leads(0, 100).withSizes(100, 10), follows(1, 0, 100).withSizes(100, 10),
                                follows(2, 0, 100).withSizes(100, 10)),
                        new Done()),
                decides("thresholds of 0: every member on every firing, even one whose in-use estimate exceeds its "
                                + "size",
                        due.withDesired(replicas(3).withDefrag(new DefragPolicy(POLICY.schedule(), 0, 0,
                                OptionalDouble.empty(), 10_000, CREATED)))
                                .withReports(leads(0, 100).withSizes(1000, 1200), follows(1, 0, 100).withSizes(1000, 1200),
                                        follows(2, 0, 100).withSizes(1000, 1000)),
                        defrag(1, Reason.DefragScheduled)),
                decides("past quotaUsageAbove, schedule or not: defragmented now",
                        due.at(FIRED.minusSeconds(1)).withReports(leads(0, 100), follows(1, 0, 100),
                                follows(2, 0, 100).withSizes(8000, 3000)),
                        defrag(2, Reason.DefragThreshold)),
                decides("past quotaUsageAbove with as much in use: defragmenting would not help, nothing",
                        due.at(FIRED.minusSeconds(1)).withReports(leads(0, 100), follows(1, 0, 100),
                                follows(2, 0, 100).withSizes(8500, 8200)),
                        new Done()),
                decides("the leader past quotaUsageAbove: leadership moves first",
                        due.at(FIRED.minusSeconds(1)).withReports(leads(0, 100).withSizes(9000, 1000),
                                follows(1, 0, 100), follows(2, 0, 100)),
                        new MoveLeader(name(0), id(1), name(1), Reason.DefragLeaderLast)),
                decides("no schedule: a member past both fragmentation thresholds is defragmented at any time",
                        due.withDesired(replicas(3).withDefrag(THRESHOLDS_ONLY)).at(FIRED.minusSeconds(1))
                                .withReports(compact(leads(0, 100)), compact(follows(1, 0, 100)),
                                        fragmented(follows(2, 0, 100))),
                        defrag(2, Reason.DefragThreshold)),
                decides("no schedule, all fragmented: the followers first, then leadership moves",
                        due.withDesired(replicas(3).withDefrag(THRESHOLDS_ONLY))
                                .withLastDefrag(Map.of(name(0), YESTERDAY, name(1), JUST_NOW, name(2), JUST_NOW))
                                .withReports(fragmented(leads(0, 200)), follows(1, 0, 190), follows(2, 0, 195)),
                        new MoveLeader(name(0), id(2), name(2), Reason.DefragLeaderLast)),
                decides("no schedule, below a threshold (40% free; 90% but only 90 bytes): nothing",
                        due.withDesired(replicas(3).withDefrag(THRESHOLDS_ONLY))
                                .withReports(compact(leads(0, 100)), follows(1, 0, 100).withSizes(100, 10),
                                        follows(2, 0, 100)),
                        new Done()),
                decides("a member is down: deferred, saying which",
                        due.withPods(ready(0), ready(1), notReady(2))
                                .withReports(fragmented(leads(0, 100)), fragmented(follows(1, 0, 100))),
                        new Wait(Reason.DefragDeferred, "defragmentation of kv-0, kv-1 deferred: kv-2 is not healthy")),
                decides("a member is unhealthy (an alarm, an error): deferred",
                        due.withReports(fragmented(leads(0, 100)), fragmented(follows(1, 0, 100)),
                                fragmented(unhealthy(2, 0, 100))),
                        new Wait(Reason.DefragDeferred, "defragmentation of kv-0, kv-1, kv-2 deferred: kv-2 is not "
                                + "healthy")),
                decides("a member's Pod is not ready: deferred",
                        due.withPods(ready(0), ready(1), notReady(2)),
                        new Wait(Reason.DefragDeferred, "defragmentation of kv-0, kv-1, kv-2 deferred: Pod kv-2 is "
                                + "not ready")),
                decides("a member lags far behind the leader: deferred",
                        due.withReports(fragmented(leads(0, 5000)), fragmented(follows(1, 0, 5000)),
                                fragmented(follows(2, 0, 3000))),
                        new Wait(Reason.DefragDeferred, "defragmentation of kv-0, kv-1, kv-2 deferred: kv-2 has "
                                + "applied 3000 of the leader's 5000")),
                decides("no leader: deferred",
                        due.withReports(fragmented(follows(0, 9, 100)), fragmented(follows(1, 9, 100)),
                                fragmented(follows(2, 9, 100))),
                        new Wait(Reason.DefragDeferred, "defragmentation of kv-0, kv-1, kv-2 deferred: no leader")),
                decides("paused: nothing",
                        due.withDesired(new Desired("kv", 3, true, false, "", "", Optional.of(POLICY))),
                        new Wait(Reason.Paused, "spec.paused is true: the operator changes nothing; when resumed it would "
                                + "Defragment[member=kv-1, memberId=257, reason=DefragScheduled]")),
                decides("a learner is catching up: it is promoted before anything is defragmented",
                        due.withMembership(voter(0), voter(1), learner(2))
                                .withReports(fragmented(leads(0, 1000)), fragmented(follows(1, 0, 1000)),
                                        fragmented(follows(2, 0, 10))),
                        new Wait(Reason.LearnerCatchingUp, "learner kv-2 has applied 10 of the leader's 1000")),
                decides("a roll is pending: it goes before defragmentation",
                        due.withDesired(replicas(3).withPod(NEW, "0.1.1").withDefrag(POLICY))
                                .withPods(outdated(0), outdated(1), outdated(2)),
                        new RestartMember(name(1), NEW, Reason.MemberOutdated)),
                decides("a schedule that is not cron never fires, and says so",
                        due.withDesired(replicas(3).withDefrag(new DefragPolicy(
                                Optional.of(DefragSchedule.parse("0 0 3 * * ?")), 0.5, 100, OptionalDouble.of(0.8),
                                10_000, CREATED))),
                        new Wait(Reason.InvalidDefragSchedule, DefragSchedule.parse("0 0 3 * * ?").error().get())),
                decides("a schedule that is not cron: thresholds still apply",
                        due.withDesired(replicas(3).withDefrag(new DefragPolicy(
                                Optional.of(DefragSchedule.parse("0 0 3 * * ?")), 0.5, 100, OptionalDouble.of(0.8),
                                10_000, CREATED))).withReports(leads(0, 100), follows(1, 0, 100).withSizes(9000, 10),
                                follows(2, 0, 100)),
                        defrag(1, Reason.DefragThreshold)),
                decides("a single member is defragmented in place: there is nobody to lead instead",
                        Observation.empty(replicas(1).withDefrag(POLICY)).withClusterId(Fixtures.CLUSTER).at(NOW)
                                .withMembership(voter(0)).withPods(ready(0)).withVolumes(volume(0))
                                .withReports(fragmented(leads(0, 100))),
                        defrag(0, Reason.DefragScheduled)));
    }

    private static Defragment defrag(int ordinal, Reason reason) {
        return new Defragment(name(ordinal), id(ordinal), reason);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void decidesTheNextAction(String scenario, Observation observation, Action expected) {
        PlannerAssertions.assertNext(scenario, observation, expected);
    }

    /**
     * The whole pass, each action applied as the executor would (a defragmented member compact and recorded in
     * lastDefrag a minute later; leadership where it was moved), with a new planner (an operator restart) at
     * every step: each member once, followers first, the leader last after leadership moved, then nothing.
     */
    @Test
    void aScheduledPassDefragmentsEachMemberOnceTheLeaderLast() {
        Observation o = due();
        List<Action> actions = new ArrayList<>();
        for (int step = 0; step < 10; step++) {
            Action action = new Planner().next(o);
            actions.add(action);
            if (action instanceof Done) {
                break;
            }
            o = applied(o.at(o.now().plusSeconds(60)), action);
        }
        assertThat(actions).containsExactly(
                defrag(1, Reason.DefragScheduled),
                defrag(2, Reason.DefragScheduled),
                new MoveLeader(name(0), id(1), name(1), Reason.DefragLeaderLast),
                defrag(0, Reason.DefragScheduled),
                new Done());
        assertThat(new Planner().next(o.at(FIRED.plusSeconds(86_400 - 1)))).as("nothing until the next firing")
                .isEqualTo(new Done());
        assertThat(new Planner().next(o.at(FIRED.plusSeconds(86_400)).withReports(o.reports().values().stream()
                .map(PlannerDefragTest::fragmented).toArray(MemberReport[]::new))))
                .as("the next firing, all fragmented again: the first follower (kv-0 now) first")
                .isEqualTo(defrag(0, Reason.DefragScheduled));
    }

    private static Observation applied(Observation o, Action action) {
        if (action instanceof Defragment d) {
            Map<String, Instant> last = new HashMap<>(o.lastDefrag());
            last.put(d.member(), o.now());
            MemberReport[] reports = o.reports().values().stream()
                    .map(r -> r.member().equals(d.member()) ? compact(r) : r).toArray(MemberReport[]::new);
            return o.withLastDefrag(last).withReports(reports);
        }
        if (action instanceof MoveLeader m) {
            return o.withReports(o.reports().values().stream().map(r -> new MemberReport(r.member(), r.memberId(),
                    r.clusterId(), m.toMemberId(), r.raftIndex(), r.healthy(), r.dbSize(), r.dbSizeInUse()))
                    .toArray(MemberReport[]::new));
        }
        throw new AssertionError("a defragmentation pass does not " + action);
    }
}
