package io.revkv.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.revkv.operator.member.GroupMember;
import io.revkv.operator.member.MemberStatusReport;
import io.revkv.operator.plan.Action;
import io.revkv.operator.plan.Reason;
import io.revkv.operator.v1alpha1.KVClusterStatus;
import io.revkv.operator.v1alpha1.MemberStatus;
import io.revkv.operator.v1alpha1.Phase;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * What `kubectl get kvc` (the phase) and `kubectl describe kvc` (the conditions) say while the cluster is paused,
 * and when a step is stuck past its deadline or a defragmentation failed.
 */
class StatusPausedAndStuckTest {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    private static final long CLUSTER = 0xC1;

    private static StatusInput.Member member(int ordinal, boolean learner, long raftIndex, boolean healthy) {
        long id = 0x100 + ordinal;
        String name = "kv-" + ordinal;
        GroupMember gm = new GroupMember(id, name, List.of("http://" + name + ":2380"), List.of(), learner);
        MemberStatusReport report = new MemberStatusReport(id, CLUSTER, 0x100, 2, raftIndex, raftIndex, 77, 4096, 2048,
                learner, "3.5.0", healthy ? List.of() : List.of("etcdserver: no leader"));
        return new StatusInput.Member(name, gm, Optional.of(report));
    }

    private static StatusInput input(boolean paused, List<StatusInput.Member> members, Map<String, Boolean> ready,
                                     Action action) {
        return new StatusInput("kv", 7, 3, paused, OptionalLong.of(CLUSTER), members, List.of(), ready,
                OptionalLong.empty(), action);
    }

    private static Condition condition(KVClusterStatus status, String type) {
        return status.getConditions().stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow();
    }

    private static KVClusterStatus aggregate(StatusInput in) {
        KVClusterStatus previous = new KVClusterStatus();
        previous.setPhase(Phase.Running);
        return new StatusAggregator(Clock.fixed(T0, ZoneOffset.UTC)).aggregate(in, previous);
    }

    @Test
    void pausedReadsPausedAndStillReportsTheMembers() {
        String detail = "spec.paused is true: the operator changes nothing; when resumed it would "
                + "RestartMember[member=kv-1, podHash=new1, reason=MemberOutdated]";
        KVClusterStatus status = aggregate(input(true,
                List.of(member(0, false, 900, true), member(1, false, 901, true), member(2, false, 902, false)),
                Map.of("kv-0", true, "kv-1", true, "kv-2", false), new Action.Wait(Reason.Paused, detail)));

        assertThat(status.getPhase()).as("the Phase column").isEqualTo(Phase.Paused);
        assertThat(condition(status, "Progressing")).extracting(Condition::getStatus, Condition::getReason,
                Condition::getMessage).containsExactly("False", "Paused", detail);
        assertThat(condition(status, "Degraded")).as("a paused cluster still says what is wrong with it")
                .extracting(Condition::getStatus, Condition::getReason).containsExactly("True", "MemberUnhealthy");
        assertThat(status.getMembers()).extracting(MemberStatus::getName, MemberStatus::getRaftIndex,
                MemberStatus::getHealthy).containsExactly(
                org.assertj.core.groups.Tuple.tuple("kv-0", 900L, true),
                org.assertj.core.groups.Tuple.tuple("kv-1", 901L, true),
                org.assertj.core.groups.Tuple.tuple("kv-2", 902L, false));
        assertThat(status.getReadyReplicas()).isEqualTo(2);
        assertThat(status.getLeader()).isEqualTo("kv-0");
    }

    @Test
    void aStuckLearnerIsNotProgressingAndDegraded() {
        String detail = "learner kv-1 has not caught up 12m0s after its Pod was created (deadline 10m0s): it applied "
                + "10 of the leader's 900; still waiting: learner kv-1 has applied 10 of the leader's 900";
        KVClusterStatus status = aggregate(input(false, List.of(member(0, false, 900, true), member(1, true, 10, true)),
                Map.of("kv-0", true, "kv-1", true), new Action.Wait(Reason.LearnerStuck, detail)));

        assertThat(condition(status, "Progressing")).extracting(Condition::getStatus, Condition::getReason,
                Condition::getMessage).containsExactly("False", "LearnerStuck", detail);
        assertThat(condition(status, "Degraded")).extracting(Condition::getStatus, Condition::getReason,
                Condition::getMessage).containsExactly("True", "LearnerStuck", detail);
        assertThat(status.getPhase()).isEqualTo(Phase.Degraded);
        assertThat(condition(status, "Available").getStatus()).as("one healthy voter of one").isEqualTo("True");
    }

    @Test
    void whileTheLearnerCatchesUpItIsProgressingNotDegraded() {
        KVClusterStatus status = aggregate(input(false, List.of(member(0, false, 900, true), member(1, true, 10, true)),
                Map.of("kv-0", true, "kv-1", true), new Action.Wait(Reason.LearnerCatchingUp, "learner kv-1 has "
                        + "applied 10 of the leader's 900")));

        assertThat(condition(status, "Progressing")).extracting(Condition::getStatus, Condition::getReason)
                .containsExactly("True", "LearnerCatchingUp");
        assertThat(condition(status, "Degraded").getStatus()).isEqualTo("False");
        assertThat(status.getPhase()).isEqualTo(Phase.Reconfiguring);
    }

    @Test
    void aMemberNotReadyPastItsDeadlineNamesItself() {
        String detail = "Pod kv-2 has not been ready for 15m0s (deadline 10m0s); still waiting: waiting for kv-2 to "
                + "serve before kv-1 restarts (2 outdated)";
        KVClusterStatus status = aggregate(input(false,
                List.of(member(0, false, 900, true), member(1, false, 900, true), member(2, false, 0, false)),
                Map.of("kv-0", true, "kv-1", true, "kv-2", false), new Action.Wait(Reason.MemberNotReady, detail)));

        assertThat(condition(status, "Degraded")).extracting(Condition::getStatus, Condition::getReason,
                Condition::getMessage).containsExactly("True", "MemberNotReady", detail);
        assertThat(condition(status, "Progressing")).extracting(Condition::getStatus, Condition::getReason)
                .containsExactly("False", "MemberNotReady");
    }

    @Test
    void aDefragmentationBackingOffIsDegraded() {
        String detail = "the defragmentation of kv-1 failed at 2026-03-01T11:59:00Z; it is tried again after "
                + "2026-03-01T12:09:00Z (status.lastDefrag has why)";
        KVClusterStatus status = aggregate(input(false,
                List.of(member(0, false, 900, true), member(1, false, 900, true), member(2, false, 900, true)),
                Map.of("kv-0", true, "kv-1", true, "kv-2", true), new Action.Wait(Reason.DefragBackoff, detail)));

        assertThat(condition(status, "Degraded")).extracting(Condition::getStatus, Condition::getReason,
                Condition::getMessage).containsExactly("True", "DefragBackoff", detail);
        assertThat(condition(status, "Available").getStatus()).isEqualTo("True");
    }
}
