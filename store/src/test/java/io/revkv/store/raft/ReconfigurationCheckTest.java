package io.revkv.store.raft;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.revkv.proto.etcdserverpb.Member;
import io.revkv.proto.revkvpb.MemberChange;
import io.revkv.store.errors.EtcdError;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** etcd's strict reconfiguration checks, as the leader makes them. */
class ReconfigurationCheckTest {

    private static final List<Member> THREE = List.of(started(1), started(2), started(3));

    @Test
    void addingAVoterNeedsEveryVoterInTouch() {
        ReconfigurationCheck check = new ReconfigurationCheck(THREE, Set.of(1L, 2L), Map.of(), 10);
        assertThatThrownBy(() -> check.check(add(9, false))).matches(EtcdError.UNHEALTHY::matches);
        assertThatCode(() -> check.check(add(9, true))).doesNotThrowAnyException();
    }

    @Test
    void addingAVoterNeedsAQuorumOfStartedMembersAfterIt() {
        List<Member> members = List.of(started(1), Member.newBuilder().setID(2).build(),
                Member.newBuilder().setID(3).build());
        ReconfigurationCheck check = new ReconfigurationCheck(members, Set.of(1L, 2L, 3L), Map.of(), 10);
        assertThatThrownBy(() -> check.check(add(9, false)))
                .matches(EtcdError.NOT_ENOUGH_STARTED_MEMBERS::matches);
    }

    @Test
    void aSecondVoterMayJoinALoneMember() {
        ReconfigurationCheck check = new ReconfigurationCheck(List.of(started(1)), Set.of(1L), Map.of(), 10);
        assertThatCode(() -> check.check(add(9, false))).doesNotThrowAnyException();
    }

    @Test
    void removingAnActiveVoterMustLeaveAnActiveQuorum() {
        ReconfigurationCheck check = new ReconfigurationCheck(THREE, Set.of(1L, 2L), Map.of(), 10);
        assertThatThrownBy(() -> check.check(remove(2))).matches(EtcdError.UNHEALTHY::matches);
        // The member that is down is not part of the active quorum: removing it is safe.
        assertThatCode(() -> check.check(remove(3))).doesNotThrowAnyException();
    }

    @Test
    void aLearnerIsPromotedOnlyOnceInSyncWithTheLeader() {
        List<Member> members = List.of(started(1), started(2), started(3), started(4).toBuilder()
                .setIsLearner(true).build());
        ReconfigurationCheck behind = new ReconfigurationCheck(members, Set.of(1L, 2L, 3L, 4L), Map.of(4L, 80L), 100);
        assertThatThrownBy(() -> behind.check(promote(4))).matches(EtcdError.LEARNER_NOT_READY::matches);
        ReconfigurationCheck inSync = new ReconfigurationCheck(members, Set.of(1L, 2L, 3L, 4L), Map.of(4L, 95L), 100);
        assertThatCode(() -> inSync.check(promote(4))).doesNotThrowAnyException();
        assertThatThrownBy(() -> inSync.check(promote(2))).matches(EtcdError.MEMBER_NOT_LEARNER::matches);
        assertThatThrownBy(() -> inSync.check(promote(7))).matches(EtcdError.MEMBER_NOT_FOUND::matches);
    }

    private static Member started(long id) {
        return Member.newBuilder().setID(id).setName("m" + id).addPeerURLs("http://127.0.0.1:" + (2380 + id))
                .build();
    }

    private static MemberChange add(long id, boolean learner) {
        return MemberChange.newBuilder().setAdd(Member.newBuilder().setID(id).setIsLearner(learner)
                .addPeerURLs("http://127.0.0.1:9999")).build();
    }

    private static MemberChange remove(long id) {
        return MemberChange.newBuilder().setRemove(id).build();
    }

    private static MemberChange promote(long id) {
        return MemberChange.newBuilder().setPromote(id).build();
    }
}
