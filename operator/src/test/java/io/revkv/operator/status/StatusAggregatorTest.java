package io.revkv.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.revkv.operator.member.Alarm;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The status a user reads, built from what the members report; conditions flip with stable times. */
class StatusAggregatorTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final long CLUSTER = 0xC1;

    private static StatusAggregator at(Instant now) {
        return new StatusAggregator(Clock.fixed(now, ZoneOffset.UTC));
    }

    private static StatusInput.Member member(int ordinal, boolean learner, long leaderOrdinal, long revision) {
        long id = 0x100 + ordinal;
        String name = "kv-" + ordinal;
        GroupMember gm = new GroupMember(id, name, List.of("http://" + name + ":2380"), List.of(), learner);
        MemberStatusReport report = new MemberStatusReport(id, CLUSTER, 0x100 + leaderOrdinal, 2, 900 + ordinal,
                900 + ordinal, revision, 25165824, 20971520, learner, "3.5.0", List.of());
        return new StatusInput.Member(name, gm, Optional.of(report));
    }

    private static StatusInput.Member silent(int ordinal) {
        long id = 0x100 + ordinal;
        return new StatusInput.Member("kv-" + ordinal,
                new GroupMember(id, "kv-" + ordinal, List.of(), List.of(), false), Optional.empty());
    }

    private static StatusInput input(List<StatusInput.Member> members, List<Alarm> alarms, Action action) {
        return new StatusInput("kv", 4, 3, false, OptionalLong.of(CLUSTER), members, alarms,
                Map.of("kv-0", true, "kv-1", true, "kv-2", true), OptionalLong.of(40), action);
    }

    private static StatusInput healthy() {
        return input(List.of(member(0, false, 0, 77), member(1, false, 0, 77), member(2, false, 0, 77)), List.of(),
                new Action.Done());
    }

    private static Condition condition(KVClusterStatus status, String type) {
        return status.getConditions().stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow();
    }

    @Test
    void threeHealthyVotersReadAsAvailableAndRunning() {
        KVClusterStatus status = at(T0).aggregate(healthy(), running());

        assertThat(status.getPhase()).isEqualTo(Phase.Running);
        assertThat(status.getObservedGeneration()).isEqualTo(4);
        assertThat(status.getReadyReplicas()).isEqualTo(3);
        assertThat(status.getClusterID()).isEqualTo("c1");
        assertThat(status.getLeader()).isEqualTo("kv-0");
        assertThat(status.getRevision()).isEqualTo(77);
        assertThat(status.getCompactRevision()).isEqualTo(40);
        assertThat(status.getDbSize()).isEqualTo("24Mi");
        assertThat(status.getSelector()).isEqualTo("revkv.io/cluster=kv");
        assertThat(status.getMembers()).extracting(MemberStatus::getName, MemberStatus::getId, MemberStatus::getRole,
                        MemberStatus::getHealthy, MemberStatus::getRaftIndex)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("kv-0", "100", MemberStatus.Role.Leader, true, 900L),
                        org.assertj.core.groups.Tuple.tuple("kv-1", "101", MemberStatus.Role.Follower, true, 901L),
                        org.assertj.core.groups.Tuple.tuple("kv-2", "102", MemberStatus.Role.Follower, true, 902L));
        assertThat(status.getMembers().get(0).getDbSizeInUse()).isEqualTo(20971520);
        assertThat(status.getMembers().get(0).getVersion()).isEqualTo("3.5.0");
        assertThat(condition(status, "Available")).extracting(Condition::getStatus, Condition::getReason)
                .containsExactly("True", "QuorumHealthy");
        assertThat(condition(status, "Progressing")).extracting(Condition::getStatus, Condition::getReason)
                .containsExactly("False", "InSync");
        assertThat(condition(status, "Degraded")).extracting(Condition::getStatus, Condition::getReason)
                .containsExactly("False", "AllMembersHealthy");
        assertThat(status.getConditions()).allMatch(c -> c.getObservedGeneration() == 4);
    }

    @Test
    void transitionTimesStayUntilTheConditionFlipsAndNothingChangedMeansNoPatch() {
        KVClusterStatus first = at(T0).aggregate(healthy(), null);
        KVClusterStatus same = at(T0.plusSeconds(60)).aggregate(healthy(), first);

        assertThat(StatusAggregator.changed(first, same)).as("the same reports a minute later").isFalse();

        StatusInput oneDown = input(List.of(member(0, false, 0, 77), silent(1), member(2, false, 0, 77)), List.of(),
                new Action.Wait(Reason.MemberUnhealthy, "kv-1 is not healthy"));
        KVClusterStatus degraded = at(T0.plusSeconds(120)).aggregate(oneDown, same);

        assertThat(StatusAggregator.changed(same, degraded)).isTrue();
        assertThat(condition(degraded, "Available").getLastTransitionTime()).isEqualTo("2026-01-01T10:00:00Z");
        assertThat(condition(degraded, "Degraded")).extracting(Condition::getStatus, Condition::getReason,
                Condition::getMessage, Condition::getLastTransitionTime)
                .containsExactly("True", "MemberUnhealthy", "not healthy: kv-1", "2026-01-01T10:02:00Z");
        assertThat(degraded.getPhase()).isEqualTo(Phase.Degraded);
        assertThat(degraded.getReadyReplicas()).isEqualTo(2);

        KVClusterStatus stillDegraded = at(T0.plusSeconds(300)).aggregate(oneDown, degraded);
        assertThat(condition(stillDegraded, "Degraded").getLastTransitionTime()).isEqualTo("2026-01-01T10:02:00Z");
        assertThat(StatusAggregator.changed(degraded, stillDegraded)).isFalse();
    }

    @Test
    void aJoiningLearnerIsBootstrappingAtFirstAndReconfiguringLater() {
        StatusInput joining = input(List.of(member(0, false, 0, 10), member(1, true, 0, 10)), List.of(),
                new Action.PromoteLearner("kv-1", 0x101));

        KVClusterStatus bootstrap = at(T0).aggregate(joining, withPhase(Phase.Bootstrapping));
        KVClusterStatus later = at(T0).aggregate(joining, withPhase(Phase.Running));

        assertThat(bootstrap.getPhase()).isEqualTo(Phase.Bootstrapping);
        assertThat(later.getPhase()).isEqualTo(Phase.Reconfiguring);
        assertThat(bootstrap.getMembers().get(1).getRole()).isEqualTo(MemberStatus.Role.Learner);
        assertThat(bootstrap.getReadyReplicas()).as("a learner is not a ready replica").isEqualTo(1);
        assertThat(condition(bootstrap, "Progressing")).extracting(Condition::getStatus, Condition::getReason)
                .containsExactly("True", "LearnerCaughtUp");
        assertThat(condition(bootstrap, "Degraded").getStatus()).as("joining is not degraded").isEqualTo("False");
    }

    @Test
    void aCorruptMemberIsUnhealthyAndTheClusterDegraded() {
        StatusInput alarmed = input(healthy().members(), List.of(new Alarm(0x101, "CORRUPT")), new Action.Done());

        KVClusterStatus status = at(T0).aggregate(alarmed, running());

        assertThat(status.getMembers().get(1).getAlarms()).containsExactly("CORRUPT");
        assertThat(status.getMembers().get(1).getHealthy()).isFalse();
        assertThat(condition(status, "Degraded")).extracting(Condition::getReason, Condition::getMessage)
                .containsExactly("AlarmRaised", "not healthy: kv-1 [CORRUPT]");
        assertThat(condition(status, "Available").getStatus()).isEqualTo("True");
    }

    @Test
    void noSpaceIsQuotaExceededWithEachMembersDatabaseAgainstTheQuota() {
        StatusInput in = input(healthy().members(), List.of(new Alarm(0x101, "NOSPACE"), new Alarm(0x102, "NOSPACE")),
                new Action.Done());
        StatusInput full = new StatusInput(in.cluster(), in.generation(), in.replicas(), in.paused(), in.clusterId(),
                in.members(), in.alarms(), in.podReady(), in.compactRevision(), in.action(), 20L * 1024 * 1024);

        KVClusterStatus status = at(T0).aggregate(full, running());

        assertThat(status.getMembers().get(1).getAlarms()).containsExactly("NOSPACE");
        assertThat(status.getMembers().get(1).getHealthy()).as("it still serves what reclaiming needs").isTrue();
        assertThat(condition(status, "Degraded")).extracting(Condition::getStatus, Condition::getReason,
                        Condition::getMessage)
                .containsExactly("True", "QuotaExceeded", "NOSPACE raised, writes fail until space is reclaimed: "
                        + "kv-1 database 24Mi, kv-2 database 24Mi of a quota of 20Mi");
        assertThat(condition(status, "Available").getStatus()).isEqualTo("True");
    }

    @Test
    void noLeaderIsNotAvailable() {
        StatusInput leaderless = input(List.of(member(0, false, 9, 5), member(1, false, 9, 5), silent(2)), List.of(),
                new Action.Wait(Reason.NoMemberAnswers, "no member answers MemberList"));

        KVClusterStatus status = at(T0).aggregate(leaderless, running());

        assertThat(condition(status, "Available")).extracting(Condition::getStatus, Condition::getReason,
                Condition::getMessage).containsExactly("False", "NoLeader", "2 of 3 voters healthy, no leader");
        assertThat(status.getLeader()).isNull();
        assertThat(status.getPhase()).isEqualTo(Phase.Degraded);
    }

    @Test
    void twoOfThreeVotersSilentIsLostQuorumNamingThem() {
        StatusInput twoDown = input(List.of(member(0, false, 0, 77), silent(1), silent(2)), List.of(),
                new Action.Wait(Reason.QuorumLost, "2 of 3 voters do not answer: kv-1, kv-2"));

        KVClusterStatus status = at(T0).aggregate(twoDown, running());

        assertThat(condition(status, "Available")).extracting(Condition::getStatus, Condition::getReason,
                Condition::getMessage).containsExactly("False", "QuorumLost", "2 of 3 voters do not answer: kv-1, "
                        + "kv-2; a quorum needs 2. The operator changes nothing until they are back; if they cannot "
                        + "come back, recovery is manual: see the README (lost quorum)");
        assertThat(status.getPhase()).isEqualTo(Phase.Degraded);
        assertThat(condition(status, "Progressing")).extracting(Condition::getStatus, Condition::getReason)
                .as("waiting on people, not on a change under way").containsExactly("False", "QuorumLost");
        assertThat(condition(status, "Degraded")).extracting(Condition::getStatus, Condition::getMessage)
                .containsExactly("True", "not healthy: kv-1, kv-2");

        StatusInput back = input(List.of(member(0, false, 0, 78), member(1, false, 0, 78), silent(2)), List.of(),
                new Action.Wait(Reason.MemberUnhealthy, "kv-2 is not healthy"));
        assertThat(condition(at(T0.plusSeconds(60)).aggregate(back, status), "Available"))
                .extracting(Condition::getStatus, Condition::getReason, Condition::getLastTransitionTime)
                .as("one back: a quorum again").containsExactly("True", "QuorumHealthy", "2026-01-01T10:01:00Z");
    }

    @Test
    void aVoterThatStillBelievesItLeadsAloneIsLostQuorumNotAvailable() {
        StatusInput staleLeader = input(List.of(silent(0), silent(1), member(2, false, 2, 77)), List.of(),
                new Action.Wait(Reason.QuorumLost, "2 of 3 voters do not answer: kv-0, kv-1"));

        KVClusterStatus status = at(T0).aggregate(staleLeader, running());

        assertThat(status.getLeader()).isEqualTo("kv-2");
        assertThat(condition(status, "Available")).extracting(Condition::getStatus, Condition::getReason)
                .containsExactly("False", "QuorumLost");
        assertThat(condition(status, "Available").getMessage()).startsWith("2 of 3 voters do not answer: kv-0, kv-1;");
    }

    @Test
    void aSilentLearnerOrAlarmsAreNotLostQuorum() {
        StatusInput learnerDown = input(List.of(member(0, false, 0, 7), member(1, false, 0, 7), member(2, false, 0, 7),
                new StatusInput.Member("kv-3", new GroupMember(0x103, "kv-3", List.of(), List.of(), true),
                        Optional.empty())), List.of(), new Action.Wait(Reason.LearnerCatchingUp, "kv-3"));
        assertThat(condition(at(T0).aggregate(learnerDown, running()), "Available"))
                .extracting(Condition::getStatus, Condition::getReason).containsExactly("True", "QuorumHealthy");

        StatusInput alarmed = input(healthy().members(), List.of(new Alarm(0x101, "NOSPACE"), new Alarm(0x102, "NOSPACE")),
                new Action.Done());
        assertThat(condition(at(T0).aggregate(alarmed, running()), "Available").getReason())
                .as("members with an alarm answer and vote").isNotEqualTo("QuorumLost");
    }

    @Test
    void beforeTheClusterFormsItIsPending() {
        StatusInput none = new StatusInput("kv", 1, 3, false, OptionalLong.empty(), List.of(), List.of(), Map.of(),
                OptionalLong.empty(), new Action.CreateSeed("kv-0"));

        KVClusterStatus status = at(T0).aggregate(none, null);

        assertThat(status.getPhase()).isEqualTo(Phase.Pending);
        assertThat(status.getClusterID()).isNull();
        assertThat(condition(status, "Available")).extracting(Condition::getStatus, Condition::getReason)
                .containsExactly("False", "NotFormed");
        assertThat(condition(status, "Progressing")).extracting(Condition::getStatus, Condition::getReason)
                .containsExactly("True", "Bootstrap");
    }

    @Test
    void aPausedClusterSaysSo() {
        StatusInput paused = new StatusInput("kv", 4, 3, true, OptionalLong.of(CLUSTER), healthy().members(),
                List.of(), healthy().podReady(), OptionalLong.empty(), new Action.Wait(Reason.Paused, "spec.paused is true"));

        KVClusterStatus status = at(T0).aggregate(paused, running());

        assertThat(status.getPhase()).isEqualTo(Phase.Paused);
        assertThat(condition(status, "Progressing")).extracting(Condition::getStatus, Condition::getReason)
                .containsExactly("False", "Paused");
    }

    private static KVClusterStatus running() {
        return withPhase(Phase.Running);
    }

    private static KVClusterStatus withPhase(Phase phase) {
        KVClusterStatus status = new KVClusterStatus();
        status.setPhase(phase);
        status.setConditions(new ArrayList<>());
        return status;
    }
}
