package io.revkv.operator.plan;

import static io.revkv.operator.plan.Fixtures.NEW;
import static io.revkv.operator.plan.Fixtures.current;
import static io.revkv.operator.plan.Fixtures.follows;
import static io.revkv.operator.plan.Fixtures.id;
import static io.revkv.operator.plan.Fixtures.leads;
import static io.revkv.operator.plan.Fixtures.name;
import static io.revkv.operator.plan.Fixtures.outdated;
import static io.revkv.operator.plan.Fixtures.threeOutdated;
import static org.assertj.core.api.Assertions.assertThat;

import io.revkv.operator.plan.Action.Defragment;
import io.revkv.operator.plan.Action.MoveLeader;
import io.revkv.operator.plan.Action.RestartMember;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code new Planner(false)}, the comparison planner of ZeroDowntimeIT: where the operator's planner moves
 * leadership away first, it restarts or defragments the leader where it leads; everything before that is the same.
 */
class PlannerLeaderInPlaceTest {

    private final Planner inPlace = new Planner(false);
    private final Planner leaderLast = new Planner();

    @Test
    void theRollRestartsTheOutdatedLeaderWhereItLeads() {
        Observation leaderLeft = threeOutdated().withPods(outdated(0), current(1), current(2))
                .withReports(leads(0, 200), follows(1, 0, 180), follows(2, 0, 195));
        assertThat(leaderLast.next(leaderLeft)).isEqualTo(new MoveLeader(name(0), id(2), name(2), Reason.LeaderLast));
        assertThat(inPlace.next(leaderLeft)).isEqualTo(new RestartMember(name(0), NEW, Reason.MemberOutdated));

        Observation allOutdated = threeOutdated();
        assertThat(inPlace.next(allOutdated)).as("followers still first").isEqualTo(leaderLast.next(allOutdated))
                .isEqualTo(new RestartMember(name(1), NEW, Reason.MemberOutdated));
    }

    @Test
    void theDefragmentationDefragmentsTheLeaderWhereItLeads() {
        Observation followersDone = PlannerDefragTest.due().withLastDefrag(Map.of(name(0), PlannerDefragTest.YESTERDAY,
                name(1), PlannerDefragTest.JUST_NOW, name(2), PlannerDefragTest.JUST_NOW));
        assertThat(leaderLast.next(followersDone)).isInstanceOf(MoveLeader.class);
        assertThat(inPlace.next(followersDone)).isEqualTo(new Defragment(name(0), id(0), Reason.DefragScheduled));
        assertThat(inPlace.next(PlannerDefragTest.due())).as("followers still first")
                .isEqualTo(new Defragment(name(1), id(1), Reason.DefragScheduled));
    }
}
