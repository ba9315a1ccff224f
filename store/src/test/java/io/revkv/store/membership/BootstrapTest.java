package io.revkv.store.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.revkv.proto.etcdserverpb.Member;
import io.revkv.proto.etcdserverpb.MemberListResponse;
import io.revkv.proto.etcdserverpb.ResponseHeader;
import io.revkv.store.backend.Backend;
import io.revkv.store.config.InitialCluster;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a member finds out who it is: new cluster, joining an existing one, or restarting with data. */
class BootstrapTest {

    private static final String CLUSTER = "a=http://127.0.0.1:2380,b=http://127.0.0.2:2380,c=http://127.0.0.3:2380";

    @TempDir
    Path dir;
    private Backend backend;
    private MemberStore members;

    @BeforeEach
    void open() {
        backend = Backend.open(dir.resolve("db"));
        members = MemberStore.open(backend);
    }

    @AfterEach
    void close() {
        backend.close();
    }

    @Test
    void aNewClusterHasEtcdsIdsAndNamesForEveryInitialMember() {
        LocalIdentity identity = Bootstrap.identify(dir, flags("b", "new", "http://127.0.0.2:2380"), members,
                urls -> {
                    throw new AssertionError("a new cluster asks nobody");
                });
        long b = MemberIds.memberId(List.of(URI.create("http://127.0.0.2:2380")), "tok");
        assertThat(identity.memberId()).isEqualTo(b);
        assertThat(members.all()).extracting(Member::getName).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(identity.clusterId()).isEqualTo(MemberIds.clusterId(members.all().stream().map(Member::getID)
                .toList())).isEqualTo(members.clusterId());
    }

    @Test
    void aJoiningMemberFindsItselfByItsPeerUrlsInWhatTheClusterAnswers() {
        UUID group = UUID.randomUUID();
        Member added = Member.newBuilder().setID(0x42).addPeerURLs("http://127.0.0.4:2380").setIsLearner(true).build();
        MemberListResponse answer = MemberListResponse.newBuilder()
                .setHeader(ResponseHeader.newBuilder().setClusterId(0xc1))
                .addMembers(Member.newBuilder().setID(1).setName("a").addPeerURLs("http://127.0.0.1:2380"))
                .addMembers(added).build();
        LocalIdentity identity = Bootstrap.identify(dir, flags("d", "existing", "http://127.0.0.4:2380"), members,
                urls -> {
                    assertThat(urls).containsExactly(URI.create("http://127.0.0.1:2380"),
                            URI.create("http://127.0.0.2:2380"), URI.create("http://127.0.0.3:2380"));
                    return new Bootstrap.RemoteCluster(group, answer);
                });
        assertThat(identity).isEqualTo(new LocalIdentity(0x42, 0xc1, group));
        assertThat(members.byId(0x42)).contains(added);
    }

    @Test
    void aJoiningMemberThatWasNotAddedIsToldHowToAddIt() {
        MemberListResponse answer = MemberListResponse.newBuilder()
                .addMembers(Member.newBuilder().setID(1).addPeerURLs("http://127.0.0.1:2380")).build();
        assertThatThrownBy(() -> Bootstrap.identify(dir, flags("d", "existing", "http://127.0.0.4:2380"), members,
                urls -> new Bootstrap.RemoteCluster(UUID.randomUUID(), answer)))
                .hasMessageContaining("etcdctl member add d --peer-urls=http://127.0.0.4:2380");
    }

    @Test
    void aMemberThatStartedBeforeAndLostItsDataIsRefusedAsEtcdRefusesIt() {
        MemberListResponse answer = MemberListResponse.newBuilder()
                .setHeader(ResponseHeader.newBuilder().setClusterId(0xc1))
                .addMembers(Member.newBuilder().setID(1).setName("a").addPeerURLs("http://127.0.0.1:2380"))
                .addMembers(Member.newBuilder().setID(0x42).setName("d").addPeerURLs("http://127.0.0.4:2380")
                        .addClientURLs("http://127.0.0.4:2379"))
                .build();
        assertThatThrownBy(() -> Bootstrap.identify(dir, flags("d", "existing", "http://127.0.0.4:2380"), members,
                urls -> new Bootstrap.RemoteCluster(UUID.randomUUID(), answer)))
                .hasMessageStartingWith("member 42 has already been bootstrapped")
                .hasMessageContaining("etcdctl member remove 42");
        assertThat(members.all()).as("nothing recorded").isEmpty();
    }

    @Test
    void aMemberWithDataIgnoresTheInitialFlags() {
        LocalIdentity first = Bootstrap.identify(dir, flags("b", "new", "http://127.0.0.2:2380"), members,
                urls -> null);
        LocalIdentity again = Bootstrap.identify(dir, flags("b", "existing", "http://127.0.0.2:2380"), members,
                urls -> {
                    throw new AssertionError("a member with data asks nobody");
                });
        assertThat(again).isEqualTo(first);
    }

    private static Bootstrap.Flags flags(String name, String state, String advertised) {
        String cluster = name.equals("d") ? CLUSTER + ",d=" + advertised : CLUSTER;
        return new Bootstrap.Flags(name, InitialCluster.parse(cluster), "tok", state, List.of(advertised));
    }
}
