package io.revkv.store.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.grpc.StatusRuntimeException;
import io.revkv.proto.etcdserverpb.ClusterGrpc;
import io.revkv.proto.etcdserverpb.ClusterGrpc.ClusterBlockingStub;
import io.revkv.proto.etcdserverpb.MemberAddRequest;
import io.revkv.proto.etcdserverpb.MemberAddResponse;
import io.revkv.proto.etcdserverpb.MemberListRequest;
import io.revkv.proto.etcdserverpb.MemberListResponse;
import io.revkv.proto.etcdserverpb.MemberPromoteRequest;
import io.revkv.proto.etcdserverpb.MemberRemoveRequest;
import io.revkv.proto.etcdserverpb.MemberUpdateRequest;
import io.revkv.store.membership.MemberIds;
import io.revkv.testing.Etcdctl;
import io.revkv.testing.ServerProcess;
import io.revkv.testing.ServerProcesses;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Cluster service against etcd 3.4 for a single member: MemberList's shape through etcdctl, and every
 * membership change etcd refuses for a single member compared over gRPC, code and message; a learner added to and
 * removed from a single member. Several members: the {@code cluster} package's tests.
 */
class ClusterIT {

    private static final String TOKEN = "etcd-cluster";
    private static final long UNKNOWN_ID = 0x1234;
    private static final String REMOVE_LAST = "remove the last member";

    @RegisterExtension
    final ServerProcesses servers = new ServerProcesses();

    @Test
    void memberListIsEtcdsWithTheSameIdFormula() {
        ServerProcess etcd = servers.etcd("m1");
        ServerProcess revkv = servers.revkv("m1");

        assertThat(normalizedMemberListJson(revkv)).isEqualTo(normalizedMemberListJson(etcd));
        assertThat(normalizedMemberListTable(revkv)).isEqualTo(normalizedMemberListTable(etcd));
    }

    @Test
    void membershipChangesEtcdRefusesAreRefusedAlike() {
        ServerProcess etcd = servers.etcd("m1");
        ServerProcess revkv = servers.revkv("m1");

        Map<String, String> etcdOutcomes = refusedChanges(etcd);
        Map<String, String> revkvOutcomes = refusedChanges(revkv);
        // etcd 3.4 has no gRPC code for this error (Unknown); 3.5 made it FailedPrecondition, the contract's choice.
        String lastMember = "etcdserver: re-configuration failed due to not enough started members";
        assertThat(etcdOutcomes.remove(REMOVE_LAST)).isEqualTo("UNKNOWN: " + lastMember);
        assertThat(revkvOutcomes.remove(REMOVE_LAST)).isEqualTo("FAILED_PRECONDITION: " + lastMember);
        assertThat(revkvOutcomes).isEqualTo(etcdOutcomes);
        assertThat(etcdOutcomes).doesNotContainValue("OK");
    }

    @Test
    void aSingleMemberTakesALearnerAndChecksUpdatedUrls() {
        ServerProcess revkv = servers.revkv("m1");
        ClusterBlockingStub cluster = stub(revkv);
        long self = selfId(revkv);

        MemberAddResponse added = cluster.memberAdd(add("http://127.0.0.1:1").toBuilder().setIsLearner(true).build());
        assertThat(added.getMember().getIsLearner()).isTrue();
        assertThat(added.getMembersList()).hasSize(2);
        // etcd 3.4 does not check MemberUpdate's URLs and would store "foo" as the member's peer URL.
        assertThat(outcome(() -> cluster.memberUpdate(update(self, "foo"))))
                .isEqualTo("INVALID_ARGUMENT: etcdserver: given member URLs are invalid");
        assertThat(outcome(() -> cluster.memberRemove(remove(added.getMember().getID())))).isEqualTo("OK");
        // 3.5's linearizable MemberList (3.4 ignores the field) gives the same members.
        assertThat(cluster.memberList(MemberListRequest.newBuilder().setLinearizable(true).build()).getMembersList())
                .isEqualTo(cluster.memberList(MemberListRequest.getDefaultInstance()).getMembersList());
    }

    /** Each refused change by name, with its status ("CODE: message"), or "OK" plus the answer's shape. */
    private static Map<String, String> refusedChanges(ServerProcess server) {
        ClusterBlockingStub cluster = stub(server);
        long self = selfId(server);
        String peer = server.peerUrl();
        Map<String, Supplier<Object>> calls = new LinkedHashMap<>();
        calls.put("remove unknown", () -> cluster.memberRemove(remove(UNKNOWN_ID)));
        calls.put("update unknown", () -> cluster.memberUpdate(update(UNKNOWN_ID, "http://127.0.0.1:1")));
        calls.put("promote unknown", () -> cluster.memberPromote(promote(UNKNOWN_ID)));
        calls.put("promote self (a voter)", () -> cluster.memberPromote(promote(self)));
        calls.put(REMOVE_LAST, () -> cluster.memberRemove(remove(self)));
        for (String bad : List.of("foo", "http://127.0.0.1", "ftp://127.0.0.1:99", "http://127.0.0.1:99/path")) {
            calls.put("add " + bad, () -> cluster.memberAdd(add(bad)));
        }
        calls.put("add own peer URL", () -> cluster.memberAdd(add(peer)));
        calls.put("add a new and the own peer URL", () -> cluster.memberAdd(add("http://127.0.0.1:1", peer)));
        Map<String, String> outcomes = new LinkedHashMap<>();
        calls.forEach((name, call) -> outcomes.put(name, outcome(call)));
        outcomes.put("update self to its own URL", outcome(() ->
                cluster.memberUpdate(update(self, peer)).getMembersCount() + " member(s)"));
        return outcomes;
    }

    private static String outcome(Supplier<Object> call) {
        try {
            Object answer = call.get();
            return answer instanceof String shape ? "OK " + shape : "OK";
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode() + ": " + e.getStatus().getDescription();
        }
    }

    /**
     * {@code member list -w json} with this server's ID, URLs and name checked and replaced by placeholders. The
     * ID must be etcd's formula over the peer URL and token, and the header must carry no revision.
     */
    private static String normalizedMemberListJson(ServerProcess server) {
        Etcdctl.Result result = Etcdctl.run(server, "member", "list", "-w", "json");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        JsonObject json = JsonParser.parseString(result.stdout()).getAsJsonObject();
        String id = Long.toUnsignedString(expectedId(server));
        JsonObject header = json.getAsJsonObject("header");
        assertThat(header.keySet()).containsExactlyInAnyOrder("cluster_id", "member_id", "raft_term");
        assertThat(header.get("member_id").getAsString()).isEqualTo(id);
        assertThat(header.get("cluster_id").getAsString())
                .isEqualTo(Long.toUnsignedString(MemberIds.clusterId(List.of(expectedId(server)))));
        assertThat(json.getAsJsonArray("members").get(0).getAsJsonObject().get("ID").getAsString()).isEqualTo(id);
        json.remove("header");
        return placeholders(server, id).apply(json.toString());
    }

    private static String normalizedMemberListTable(ServerProcess server) {
        Etcdctl.Result result = Etcdctl.run(server, "member", "list");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return placeholders(server, Long.toHexString(expectedId(server))).apply(result.stdout());
    }

    private static Function<String, String> placeholders(ServerProcess server, String id) {
        return text -> text.replace(id, "<id>").replace(server.peerUrl(), "<peer-url>")
                .replace("http://127.0.0.1:" + server.clientPort(), "<client-url>");
    }

    private static long expectedId(ServerProcess server) {
        return MemberIds.memberId(List.of(URI.create(server.peerUrl())), TOKEN);
    }

    private static long selfId(ServerProcess server) {
        MemberListResponse list = stub(server).memberList(MemberListRequest.getDefaultInstance());
        assertThat(list.getMembersCount()).isEqualTo(1);
        return list.getMembers(0).getID();
    }

    private static ClusterBlockingStub stub(ServerProcess server) {
        return ClusterGrpc.newBlockingStub(server.channel()).withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    private static MemberAddRequest add(String... peerUrls) {
        return MemberAddRequest.newBuilder().addAllPeerURLs(List.of(peerUrls)).build();
    }

    private static MemberUpdateRequest update(long id, String... peerUrls) {
        return MemberUpdateRequest.newBuilder().setID(id).addAllPeerURLs(List.of(peerUrls)).build();
    }

    private static MemberRemoveRequest remove(long id) {
        return MemberRemoveRequest.newBuilder().setID(id).build();
    }

    private static MemberPromoteRequest promote(long id) {
        return MemberPromoteRequest.newBuilder().setID(id).build();
    }
}
