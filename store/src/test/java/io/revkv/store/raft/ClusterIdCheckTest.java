package io.revkv.store.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.revkv.proto.etcdserverpb.Member;
import io.revkv.proto.etcdserverpb.MemberListResponse;
import io.revkv.proto.etcdserverpb.ResponseHeader;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The line a member logs for a peer of another cluster, as etcd's rafthttp words it. */
class ClusterIdCheckTest {

    private static final URI PEER = URI.create("http://127.0.0.1:22380");

    @Test
    void aPeerOfTheSameClusterIsNotReported() {
        assertThat(ClusterIdCheck.mismatch(0xaaL, 0x2L, PEER, answer(0xaaL, member(0x2L, PEER)))).isEmpty();
    }

    @Test
    void aPeerOfAnotherClusterIsNamedByTheIdItsClusterGivesIt() {
        assertThat(ClusterIdCheck.mismatch(0xaaL, 0x2L, PEER, answer(0xbbL, member(0x7fL, PEER))))
                .contains("request sent was ignored (cluster ID mismatch: remote[7f]=bb, local=aa)");
    }

    @Test
    void aPeerThatDoesNotListItselfByThatUrlIsNamedAsThisMemberKnowsIt() {
        assertThat(ClusterIdCheck.mismatch(0xaaL, 0x2L, PEER,
                answer(0xbbL, member(0x7fL, URI.create("http://127.0.0.1:32380")))))
                .contains("request sent was ignored (cluster ID mismatch: remote[2]=bb, local=aa)");
    }

    @Test
    void thePeersAreTheOtherMembersByTheirFirstPeerUrl() {
        assertThat(ClusterIdCheck.peersOf(List.of(member(0x1L, URI.create("http://127.0.0.1:2380")),
                member(0x2L, PEER)), 0x1L)).isEqualTo(Map.of(0x2L, PEER));
    }

    private static Member member(long id, URI peerUrl) {
        return Member.newBuilder().setID(id).addPeerURLs(peerUrl.toString()).build();
    }

    private static MemberListResponse answer(long clusterId, Member... members) {
        return MemberListResponse.newBuilder().setHeader(ResponseHeader.newBuilder().setClusterId(clusterId))
                .addAllMembers(List.of(members)).build();
    }
}
