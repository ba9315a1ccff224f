package io.revkv.operator.plan;

import static io.revkv.operator.plan.Fixtures.follows;
import static io.revkv.operator.plan.Fixtures.id;
import static io.revkv.operator.plan.Fixtures.leads;
import static io.revkv.operator.plan.Fixtures.name;
import static io.revkv.operator.plan.PlannerAssertions.decides;
import static io.revkv.operator.plan.PlannerDefragTest.JUST_NOW;
import static io.revkv.operator.plan.PlannerDefragTest.NOW;
import static io.revkv.operator.plan.PlannerDefragTest.YESTERDAY;
import static io.revkv.operator.plan.PlannerDefragTest.due;
import static io.revkv.operator.plan.PlannerDefragTest.fragmented;

import io.revkv.operator.plan.Action.Defragment;
import io.revkv.operator.plan.Action.MoveLeader;
import io.revkv.operator.plan.Action.Wait;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A defragmentation that failed or timed out (status.lastDefrag[].failedTime, in the {@link Timeline}) is not tried
 * again on every reconcile: the member is left alone for {@link Defrag#BACKOFF} (10 minutes) while the others go
 * ahead; when only backing-off members are due, the planner waits with reason DefragBackoff.
 */
class PlannerDefragBackoffTest {

    /** kv-1's defragmentation failed a minute ago (five minutes after the schedule fired). */
    static final Instant FAILED = NOW.minusSeconds(60);

    static Stream<Arguments> scenarios() {
        Observation kv1Failed = due().withTimeline(Timeline.NONE.withDefragFailed(name(1), FAILED));
        Observation followersLeft = due().withLastDefrag(Map.of(name(0), YESTERDAY, name(1), YESTERDAY,
                name(2), JUST_NOW));
        return Stream.of(
                decides("kv-1 failed a minute ago: kv-2 goes ahead", kv1Failed, defrag(2)),
                decides("kv-1 failed, kv-2 done: the leader's turn comes (leadership moves first)",
                        kv1Failed.withLastDefrag(Map.of(name(0), YESTERDAY, name(1), YESTERDAY, name(2), JUST_NOW))
                                .withReports(fragmented(leads(0, 100)), fragmented(follows(1, 0, 100)),
                                        follows(2, 0, 100)),
                        new MoveLeader(name(0), id(1), name(1), Reason.DefragLeaderLast)),
                decides("only kv-1 is due and it failed a minute ago: wait, not retry",
                        followersLeft.withLastDefrag(Map.of(name(0), JUST_NOW, name(1), YESTERDAY, name(2), JUST_NOW))
                                .withTimeline(Timeline.NONE.withDefragFailed(name(1), FAILED)),
                        new Wait(Reason.DefragBackoff, "the defragmentation of kv-1 failed at " + FAILED + "; it is "
                                + "tried again after " + FAILED.plus(Defrag.BACKOFF) + " (status.lastDefrag has why)")),
                decides("a second before the back-off ends: still waiting",
                        followersLeft.withLastDefrag(Map.of(name(0), JUST_NOW, name(1), YESTERDAY, name(2), JUST_NOW))
                                .withTimeline(Timeline.NONE.withDefragFailed(name(1), FAILED))
                                .at(FAILED.plus(Defrag.BACKOFF).minusSeconds(1)),
                        new Wait(Reason.DefragBackoff, "the defragmentation of kv-1 failed at " + FAILED + "; it is "
                                + "tried again after " + FAILED.plus(Defrag.BACKOFF) + " (status.lastDefrag has why)")),
                decides("the back-off is over: kv-1 is tried again",
                        followersLeft.withLastDefrag(Map.of(name(0), JUST_NOW, name(1), YESTERDAY, name(2), JUST_NOW))
                                .withTimeline(Timeline.NONE.withDefragFailed(name(1), FAILED))
                                .at(FAILED.plus(Defrag.BACKOFF)),
                        defrag(1)),
                decides("a failure long before the schedule fired holds nothing back",
                        due().withTimeline(Timeline.NONE.withDefragFailed(name(1), YESTERDAY)), defrag(1)),
                decides("a failed member that is not due any more (done since) is not waited for",
                        followersLeft.withLastDefrag(Map.of(name(0), JUST_NOW, name(1), JUST_NOW, name(2), JUST_NOW))
                                .withTimeline(Timeline.NONE.withDefragFailed(name(1), FAILED)),
                        new Action.Done()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void decidesTheNextAction(String scenario, Observation observation, Action expected) {
        PlannerAssertions.assertNext(scenario, observation, expected);
    }

    private static Defragment defrag(int ordinal) {
        return new Defragment(name(ordinal), id(ordinal), Reason.DefragScheduled);
    }
}
