package io.revkv.store.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.revkv.proto.etcdserverpb.Member;
import io.revkv.proto.revkvpb.MemberChange;
import io.revkv.store.backend.Backend;
import io.revkv.store.errors.EtcdError;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Membership changes as every member applies them, on a real backend, and what survives a reopen. */
class MemberChangesTest {

    @TempDir
    Path dir;
    private Backend backend;
    private MemberStore members;
    private MemberChanges changes;

    @BeforeEach
    void open() {
        backend = Backend.open(dir);
        members = MemberStore.open(backend);
        members.bootstrap(0xc1, List.of(member(1, "http://a:2380"), member(2, "http://b:2380")));
        changes = new MemberChanges(members);
    }

    @AfterEach
    void close() {
        backend.close();
    }

    @Test
    void aLearnerIsAddedPromotedAndPublishesItsAttributes() {
        changes.apply(MemberChange.newBuilder().setAdd(member(3, "http://c:2380").toBuilder().setIsLearner(true))
                .build());
        assertThat(members.byId(3).orElseThrow().getIsLearner()).isTrue();
        changes.apply(MemberChange.newBuilder().setPromote(3).build());
        changes.apply(MemberChange.newBuilder().setPublish(Member.newBuilder().setID(3).setName("c")
                .addClientURLs("http://c:2379")).build());
        assertThat(members.byId(3).orElseThrow()).isEqualTo(Member.newBuilder().setID(3).setName("c")
                .addPeerURLs("http://c:2380").addClientURLs("http://c:2379").build());
    }

    @Test
    void refusalsAreEtcds() {
        assertThatThrownBy(() -> changes.apply(MemberChange.newBuilder().setAdd(member(9, "http://a:2380")).build()))
                .matches(EtcdError.PEER_URL_EXIST::matches);
        assertThatThrownBy(() -> changes.apply(MemberChange.newBuilder().setAdd(member(2, "http://z:2380")).build()))
                .matches(EtcdError.MEMBER_EXIST::matches);
        assertThatThrownBy(() -> changes.apply(MemberChange.newBuilder().setRemove(7).build()))
                .matches(EtcdError.MEMBER_NOT_FOUND::matches);
        assertThatThrownBy(() -> changes.apply(MemberChange.newBuilder().setPromote(2).build()))
                .matches(EtcdError.MEMBER_NOT_LEARNER::matches);
        changes.apply(MemberChange.newBuilder().setAdd(member(3, "http://c:2380").toBuilder().setIsLearner(true))
                .build());
        assertThatThrownBy(() -> changes.apply(MemberChange.newBuilder()
                .setAdd(member(4, "http://d:2380").toBuilder().setIsLearner(true)).build()))
                .matches(EtcdError.TOO_MANY_LEARNERS::matches);
    }

    @Test
    void aRemovedIdIsNeverAcceptedAgainAndTheMembershipSurvivesAReopen() {
        changes.apply(MemberChange.newBuilder().setRemove(2).build());
        assertThatThrownBy(() -> changes.apply(MemberChange.newBuilder().setAdd(member(2, "http://b:2380")).build()))
                .matches(EtcdError.MEMBER_EXIST::matches);
        backend.flush();
        backend.close();
        backend = Backend.open(dir);
        members = MemberStore.open(backend);
        assertThat(members.all()).extracting(Member::getID).containsExactly(1L);
        assertThat(members.isRemoved(2)).isTrue();
        assertThat(members.clusterId()).isEqualTo(0xc1);
    }

    @Test
    void reapplyingAChangeLeavesTheSameState() {
        MemberChange update = MemberChange.newBuilder().setUpdate(member(2, "http://b2:2380")).build();
        changes.apply(update);
        List<Member> once = members.all();
        changes.apply(update);
        assertThat(members.all()).isEqualTo(once);
    }

    private static Member member(long id, String peerUrl) {
        return Member.newBuilder().setID(id).addPeerURLs(peerUrl).build();
    }
}
