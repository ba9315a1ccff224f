package io.revkv.store.membership;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemberIdsTest {

    @Test
    void memberIdIsEtcdsForTheSamePeerUrlsAndToken() {
        // etcd 3.4 started with --initial-advertise-peer-urls http://localhost:2380 and the default token
        // "etcd-cluster" reports member ID 8e9e05c52164694d and cluster ID cdf818194e3a8c32.
        long member = MemberIds.memberId(List.of(URI.create("http://localhost:2380")), "etcd-cluster");
        assertThat(Long.toHexString(member)).isEqualTo("8e9e05c52164694d");
        assertThat(Long.toHexString(MemberIds.clusterId(List.of(member)))).isEqualTo("cdf818194e3a8c32");
    }

    @Test
    void peerUrlOrderDoesNotMatterButTheTokenDoes() {
        URI a = URI.create("http://10.0.0.1:2380");
        URI b = URI.create("http://10.0.0.2:2380");
        assertThat(MemberIds.memberId(List.of(a, b), "t")).isEqualTo(MemberIds.memberId(List.of(b, a), "t"));
        assertThat(MemberIds.memberId(List.of(a), "t1")).isNotEqualTo(MemberIds.memberId(List.of(a), "t2"));
    }
}
