package io.revkv.operator.plan;

import static io.revkv.operator.plan.Fixtures.follows;
import static io.revkv.operator.plan.Fixtures.id;
import static io.revkv.operator.plan.Fixtures.leads;
import static io.revkv.operator.plan.Fixtures.name;
import static io.revkv.operator.plan.Fixtures.notReady;
import static io.revkv.operator.plan.Fixtures.ready;
import static io.revkv.operator.plan.Fixtures.threeHealthy;
import static io.revkv.operator.plan.Fixtures.unhealthy;
import static io.revkv.operator.plan.PlannerAssertions.decides;
import static org.assertj.core.api.Assertions.assertThat;

import io.revkv.operator.plan.Action.Compact;
import io.revkv.operator.plan.Action.Defragment;
import io.revkv.operator.plan.Action.DisarmAlarms;
import io.revkv.operator.plan.Action.Done;
import io.revkv.operator.plan.Action.MoveLeader;
import io.revkv.operator.plan.Action.ReplaceMember;
import io.revkv.operator.plan.Action.Wait;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Alarms on three members (kv-0 leading) with a 10000-byte quota. NOSPACE: every member's file is past the quota
 * (12000 bytes) at revision 500, compacted at 100; reclaiming compacts, defragments the followers, moves
 * leadership, defragments the old leader and disarms. CORRUPT: the member leaves like one that lost its data.
 */
class PlannerAlarmTest {

    static final long QUOTA = 10_000;
    static final List<Long> ALL = List.of(id(0), id(1), id(2));

    /** NOSPACE raised on all three, nothing reclaimed yet. */
    static Observation full() {
        Observation healthy = threeHealthy();
        return healthy.withDesired(healthy.desired().withQuota(new QuotaPolicy(QUOTA, true)))
                .withReports(leads(0, 100).withSizes(12_000, 11_000), follows(1, 0, 100).withSizes(12_000, 11_000),
                        follows(2, 0, 100).withSizes(12_000, 11_000))
                .withAlarms(noSpace(Set.copyOf(ALL), 100, Map.of()));
    }

    static AlarmState noSpace(Set<Long> ids, long compacted, Map<String, Long> defragged) {
        return new AlarmState(ids, Set.of(), OptionalLong.of(500), OptionalLong.of(compacted), defragged);
    }

    /** Compacted at 500; the members in {@code defragged} were defragmented at it and shrank to 3000 bytes. */
    static Observation reclaiming(int... defragged) {
        Map<String, Long> at = new HashMap<>();
        long[] sizes = {12_000, 12_000, 12_000};
        for (int ordinal : defragged) {
            at.put(name(ordinal), 500L);
            sizes[ordinal] = 3_000;
        }
        Observation o = full().withAlarms(noSpace(Set.copyOf(ALL), 500, at));
        return o.withReports(leads(0, 100).withSizes(sizes[0], 2_000), follows(1, 0, 100).withSizes(sizes[1], 2_000),
                follows(2, 0, 100).withSizes(sizes[2], 2_000));
    }

    static Stream<Arguments> scenarios() {
        Observation full = full();
        Observation done = reclaiming(0, 1, 2);
        return Stream.of(
                decides("NOSPACE, compaction allowed and behind the revision: compact at the current revision",
                        full, new Compact(500, Reason.QuotaExceeded)),
                decides("compacted: the first follower is defragmented first",
                        reclaiming(), new Defragment(name(1), id(1), Reason.DefragQuota)),
                decides("kv-1 done: the next follower",
                        reclaiming(1), new Defragment(name(2), id(2), Reason.DefragQuota)),
                decides("followers done: leadership moves before the leader is defragmented",
                        reclaiming(1, 2), new MoveLeader(name(0), id(1), name(1), Reason.DefragQuota)),
                decides("leadership moved: the old leader, now a follower, is defragmented",
                        reclaiming(1, 2).withReports(follows(0, 1, 100).withSizes(12_000, 2_000),
                                leads(1, 100).withSizes(3_000, 2_000), follows(2, 1, 100).withSizes(3_000, 2_000)),
                        new Defragment(name(0), id(0), Reason.DefragQuota)),
                decides("every member defragmented and under the quota: disarm",
                        done, new DisarmAlarms(ALL, "NOSPACE", Reason.AlarmDisarmed)),
                decides("compaction not allowed (retention 0): no compaction, the followers are defragmented",
                        full.withDesired(full.desired().withQuota(new QuotaPolicy(QUOTA, false))),
                        new Defragment(name(1), id(1), Reason.DefragQuota)),
                decides("a member with no Status answer: nothing is reclaimed while the cluster is not settled",
                        full.withReports(leads(0, 100).withSizes(12_000, 11_000),
                                follows(1, 0, 100).withSizes(12_000, 11_000)),
                        new Wait(Reason.QuotaExceeded, "NOSPACE raised on kv-0 (12000 bytes), kv-1 (12000 bytes), kv-2;"
                                + " space is reclaimed only in a settled cluster: kv-2 is not healthy")),
                decides("quorum lost: nothing is reclaimed, the lost quorum is what is said",
                        full.withReports(new MemberReport(name(0), id(0), Fixtures.CLUSTER, 0, 100, false))
                                .withPods(ready(0), notReady(1), notReady(2)),
                        new Wait(Reason.QuorumLost, "2 of 3 voters do not answer: kv-1, kv-2; a quorum needs 2, so "
                                + "nothing is changed until they are back")),
                decides("no leader (an election) with every member answering: nothing is reclaimed",
                        full.withReports(new MemberReport(name(0), id(0), Fixtures.CLUSTER, 0, 100, true),
                                new MemberReport(name(1), id(1), Fixtures.CLUSTER, 0, 100, true),
                                new MemberReport(name(2), id(2), Fixtures.CLUSTER, 0, 100, true)),
                        new Wait(Reason.QuotaExceeded, "NOSPACE raised on kv-0 (0 bytes), kv-1 (0 bytes), kv-2 (0 bytes); "
                                + "space is reclaimed only in a settled cluster: no leader")),
                decides("the compact revision is not known yet: wait",
                        full.withAlarms(new AlarmState(Set.copyOf(ALL), Set.of(), OptionalLong.of(500),
                                OptionalLong.empty(), Map.of())),
                        new Wait(Reason.QuotaExceeded, "NOSPACE raised on kv-0 (12000 bytes), kv-1 (12000 bytes), "
                                + "kv-2 (12000 bytes); waiting for the leader's revision and compact revision")),
                decides("an alarm of a member no longer in the group is disarmed",
                        threeHealthy().withAlarms(new AlarmState(Set.of(), Set.of(id(7)), OptionalLong.empty(),
                                OptionalLong.empty(), Map.of())),
                        new DisarmAlarms(List.of(id(7)), "CORRUPT", Reason.AlarmDisarmed)),
                decides("CORRUPT on a follower: it is replaced, a learner under its name on a fresh volume",
                        corrupt(2), new ReplaceMember(name(2), id(2), "kv-2 raised CORRUPT: its data differs from the "
                                + "other members'", Reason.CorruptData)),
                decides("CORRUPT on the leader: leadership moves first",
                        corrupt(0), new MoveLeader(name(0), id(1), name(1))),
                decides("CORRUPT while another member is down: removing it would lose the quorum, wait",
                        corrupt(2).withReports(leads(0, 100), unhealthy(1, 0, 100), unhealthy(2, 0, 100)),
                        new Wait(Reason.QuorumAtRisk, "removing kv-2 would leave fewer healthy voters than a quorum")),
                decides("no alarm: the reclaim step passes",
                        threeHealthy(), new Done()));
    }

    /** CORRUPT raised on one member, which Observer reports unhealthy. */
    static Observation corrupt(int ordinal) {
        Observation o = threeHealthy().withAlarms(new AlarmState(Set.of(), Set.of(id(ordinal)), OptionalLong.empty(),
                OptionalLong.empty(), Map.of()));
        List<MemberReport> reports = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            MemberReport r = i == 0 ? leads(0, 100) : follows(i, 0, 100);
            reports.add(i == ordinal ? new MemberReport(r.member(), r.memberId(), r.clusterId(), r.leaderId(),
                    r.raftIndex(), false) : r);
        }
        return o.withReports(reports.toArray(MemberReport[]::new));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void plans(String scenario, Observation observation, Action expected) {
        PlannerAssertions.assertNext(scenario, observation, expected);
    }

    @Test
    void stillOverTheQuotaAfterEveryStepTheAlarmStaysAndTheUserIsTold() {
        Observation stuck = reclaiming(0, 1, 2).withReports(leads(0, 100).withSizes(11_000, 11_000),
                follows(1, 0, 100).withSizes(3_000, 2_000), follows(2, 0, 100).withSizes(3_000, 2_000));
        Action action = new Planner().next(stuck);
        assertThat(action).isInstanceOf(Wait.class);
        Wait wait = (Wait) action;
        assertThat(wait.reason()).isEqualTo(Reason.QuotaStillExceeded);
        assertThat(wait.detail()).contains("kv-0 11000 bytes of a quota of 10000", "the data itself exceeds the quota",
                "Raise spec.quotaBackendBytes", "delete keys");
    }

    @Test
    void aDeleteAfterTheCompactionStartsAnotherRound() {
        Observation deleted = reclaiming(0, 1, 2).withReports(leads(0, 100).withSizes(11_000, 11_000),
                follows(1, 0, 100).withSizes(11_000, 2_000), follows(2, 0, 100).withSizes(11_000, 2_000));
        deleted = deleted.withAlarms(new AlarmState(Set.copyOf(ALL), Set.of(), OptionalLong.of(520),
                OptionalLong.of(500), deleted.alarms().defragCompaction()));
        assertThat(new Planner().next(deleted)).isEqualTo(new Compact(520, Reason.QuotaExceeded));
    }

    /** The whole reclaim, applying each action's effect to the observation: the order of the Events. */
    @Test
    void reclaimingRunsCompactDefragFollowersMoveLeaderDefragLeaderDisarm() {
        Planner planner = new Planner();
        Observation o = full();
        List<String> steps = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Action action = planner.next(o);
            if (action instanceof Done) {
                break;
            }
            steps.add(describe(action));
            o = apply(o, action);
        }
        assertThat(steps).containsExactly("compact 500", "defrag kv-1", "defrag kv-2", "move kv-0 to kv-1",
                "defrag kv-0", "disarm NOSPACE");
    }

    private static String describe(Action action) {
        if (action instanceof Compact c) {
            return "compact " + c.revision();
        } else if (action instanceof Defragment d) {
            return "defrag " + d.member();
        } else if (action instanceof MoveLeader m) {
            return "move " + m.from() + " to " + m.to();
        } else if (action instanceof DisarmAlarms d) {
            return "disarm " + d.type();
        }
        return action.toString();
    }

    /** What each action does to the cluster, as far as the planner sees it. */
    private static Observation apply(Observation o, Action action) {
        AlarmState a = o.alarms();
        if (action instanceof Compact c) {
            return o.withAlarms(new AlarmState(a.noSpace(), a.corrupt(), a.revision(), OptionalLong.of(c.revision()),
                    a.defragCompaction()));
        } else if (action instanceof Defragment d) {
            Map<String, Long> at = new HashMap<>(a.defragCompaction());
            at.put(d.member(), a.compactRevision().getAsLong());
            return withReport(o.withAlarms(new AlarmState(a.noSpace(), a.corrupt(), a.revision(),
                    a.compactRevision(), at)), d.member(), r -> r.withSizes(3_000, 2_000));
        } else if (action instanceof MoveLeader m) {
            Observation moved = o;
            for (MemberReport r : o.reports().values()) {
                moved = withReport(moved, r.member(), x -> new MemberReport(x.member(), x.memberId(), x.clusterId(),
                        m.toMemberId(), x.raftIndex(), x.healthy(), x.dbSize(), x.dbSizeInUse()));
            }
            return moved;
        } else if (action instanceof DisarmAlarms) {
            return o.withAlarms(AlarmState.NONE);
        }
        throw new AssertionError("unexpected " + action);
    }

    private static Observation withReport(Observation o, String member,
                                          java.util.function.UnaryOperator<MemberReport> change) {
        return o.withReports(o.reports().values().stream().map(r -> r.member().equals(member) ? change.apply(r) : r)
                .sorted(java.util.Comparator.comparing(MemberReport::member)).toArray(MemberReport[]::new));
    }
}
