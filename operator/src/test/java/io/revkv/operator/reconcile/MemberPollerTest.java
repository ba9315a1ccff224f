package io.revkv.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.revkv.operator.member.GroupMember;
import io.revkv.operator.member.MemberStatusReport;
import io.revkv.operator.member.Outcome;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When the linearizable MemberList fails, a member's own list stands in only if no quorum answers Status. */
class MemberPollerTest {

    private static final List<GroupMember> THREE = List.of(member(0, false), member(1, false), member(2, false),
            member(3, true));

    private static GroupMember member(int ordinal, boolean learner) {
        return new GroupMember(0x100 + ordinal, "kv-" + ordinal, List.of(), List.of(), learner);
    }

    private static Map<String, Outcome<MemberStatusReport>> answering(int... ordinals) {
        Map<String, Outcome<MemberStatusReport>> statuses = new LinkedHashMap<>();
        for (int i = 0; i < 4; i++) {
            statuses.put("kv-" + i, new Outcome.Unreachable<>("deadline exceeded"));
        }
        for (int ordinal : ordinals) {
            statuses.put("kv-" + ordinal, new Outcome.Ok<>(new MemberStatusReport(0x100 + ordinal, 0xC1, 0, 2, 9, 9,
                    5, 1, 1, false, "3.5.0", List.of("etcdserver: no leader"))));
        }
        return statuses;
    }

    @Test
    void oneVoterOfThreeAnsweringUsesItsOwnList() {
        assertThat(MemberPoller.withoutQuorum(new Outcome.Ok<>(THREE), answering(0, 3)))
                .as("a learner answering does not count toward the quorum").contains(new Outcome.Ok<>(THREE));
    }

    @Test
    void twoVotersOfThreeAnsweringIsAnElectionNotLostQuorum() {
        assertThat(MemberPoller.withoutQuorum(new Outcome.Ok<>(THREE), answering(0, 2))).isEmpty();
    }

    @Test
    void noOwnListNothingToStandIn() {
        assertThat(MemberPoller.withoutQuorum(new Outcome.Unreachable<>("gone"), answering(0))).isEmpty();
    }
}
