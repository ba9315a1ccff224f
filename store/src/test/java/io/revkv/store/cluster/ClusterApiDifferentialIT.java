package io.revkv.store.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.StatusRuntimeException;
import io.revkv.proto.etcdserverpb.ClusterGrpc;
import io.revkv.proto.etcdserverpb.ClusterGrpc.ClusterBlockingStub;
import io.revkv.proto.etcdserverpb.MaintenanceGrpc;
import io.revkv.proto.etcdserverpb.MemberAddRequest;
import io.revkv.proto.etcdserverpb.MemberAddResponse;
import io.revkv.proto.etcdserverpb.MemberPromoteRequest;
import io.revkv.proto.etcdserverpb.MemberRemoveRequest;
import io.revkv.proto.etcdserverpb.MemberUpdateRequest;
import io.revkv.proto.etcdserverpb.MoveLeaderRequest;
import io.revkv.testing.FreePorts;
import io.revkv.testing.ServerProcess;
import io.revkv.testing.ServerProcesses;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Cluster API and MoveLeader against a 3-member etcd 3.4 started by the same test: the same requests, in the same
 * order, get the same answers and errors (code and message), and the same membership after each change, IDs aside.
 */
class ClusterApiDifferentialIT {

    @RegisterExtension
    final ServerProcesses servers = new ServerProcesses();

    @Test
    void membershipChangesAndLeaderMovesAnswerAsEtcdDoes() {
        List<ServerProcess> etcd = cluster(true);
        List<ServerProcess> revkv = cluster(false);

        assertThat(outcomes(revkv)).isEqualTo(outcomes(etcd));
    }

    private List<ServerProcess> cluster(boolean etcd) {
        List<ServerProcess> members = List.of("a", "b", "c").stream()
                .map(name -> (ServerProcess) (etcd ? new io.revkv.testing.EtcdProcess(name, servers.baseDir())
                        : new io.revkv.testing.RevkvProcess(name, servers.baseDir())))
                .toList();
        Members.startAll(members);
        members.forEach(servers::track);
        return members;
    }

    /** Each step's outcome: "OK ..." with what a user would read of the answer, or "CODE: message". */
    private static Map<String, String> outcomes(List<ServerProcess> members) {
        ServerProcess leader = Members.leader(members);
        ServerProcess follower = members.stream().filter(m -> m != leader).findFirst().orElseThrow();
        ClusterBlockingStub viaFollower = ClusterGrpc.newBlockingStub(follower.channel())
                .withDeadlineAfter(15, TimeUnit.SECONDS);
        String taken = members.get(0).peerUrl();
        String free = "http://127.0.0.1:" + FreePorts.take(1)[0];
        String free2 = "http://127.0.0.1:" + FreePorts.take(1)[0];
        Map<String, String> out = new LinkedHashMap<>();
        out.put("add bad URL", outcome(() -> viaFollower.memberAdd(add("http://x", false)), r -> "OK"));
        out.put("add taken URL", outcome(() -> viaFollower.memberAdd(add(taken, false)), r -> "OK"));
        MemberAddResponse[] learner = new MemberAddResponse[1];
        out.put("add learner", outcome(() -> learner[0] = viaFollower.memberAdd(add(free, true)),
                r -> "member learner=" + r.getMember().getIsLearner() + " name='" + r.getMember().getName()
                        + "' peers=" + r.getMember().getPeerURLsList().size() + " members="
                        + Members.describe(r.getMembersList())));
        long learnerId = learner[0] == null ? 0 : learner[0].getMember().getID();
        out.put("add second learner", outcome(() -> viaFollower.memberAdd(add(free2, true)), r -> "OK"));
        out.put("promote unstarted learner", outcome(() -> viaFollower.memberPromote(
                MemberPromoteRequest.newBuilder().setID(learnerId).build()), r -> "OK"));
        out.put("promote voter", outcome(() -> viaFollower.memberPromote(
                MemberPromoteRequest.newBuilder().setID(Members.id(leader)).build()), r -> "OK"));
        out.put("promote unknown", outcome(() -> viaFollower.memberPromote(
                MemberPromoteRequest.newBuilder().setID(0x1234).build()), r -> "OK"));
        out.put("remove unknown", outcome(() -> viaFollower.memberRemove(
                MemberRemoveRequest.newBuilder().setID(0x1234).build()), r -> "OK"));
        out.put("update unknown", outcome(() -> viaFollower.memberUpdate(MemberUpdateRequest.newBuilder()
                .setID(0x1234).addPeerURLs(free2).build()), r -> "OK"));
        out.put("move leader on a follower", outcome(() -> MaintenanceGrpc.newBlockingStub(follower.channel())
                .moveLeader(MoveLeaderRequest.newBuilder().setTargetID(Members.id(follower)).build()), r -> "OK"));
        out.put("move leader to the learner", outcome(() -> MaintenanceGrpc.newBlockingStub(leader.channel())
                .moveLeader(MoveLeaderRequest.newBuilder().setTargetID(learnerId).build()), r -> "OK"));
        out.put("move leader to an unknown member", outcome(() -> MaintenanceGrpc.newBlockingStub(leader.channel())
                .moveLeader(MoveLeaderRequest.newBuilder().setTargetID(0x1234).build()), r -> "OK"));
        out.put("remove the learner", outcome(() -> viaFollower.memberRemove(
                MemberRemoveRequest.newBuilder().setID(learnerId).build()),
                r -> Members.describe(r.getMembersList())));
        out.put("move leader to a follower", outcome(() -> MaintenanceGrpc.newBlockingStub(leader.channel())
                .withDeadlineAfter(15, TimeUnit.SECONDS)
                .moveLeader(MoveLeaderRequest.newBuilder().setTargetID(Members.id(follower)).build()), r -> "OK"));
        out.put("leader after the move", Members.leader(members) == follower ? "the follower" : "another member");
        out.put("members", Members.describe(Members.list(follower)));
        return out;
    }

    private static MemberAddRequest add(String url, boolean learner) {
        return MemberAddRequest.newBuilder().addPeerURLs(url).setIsLearner(learner).build();
    }

    private static <T> String outcome(Supplier<T> call, Function<T, String> describe) {
        try {
            String answer = describe.apply(call.get());
            return answer.startsWith("OK") ? answer : "OK " + answer;
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode() + ": " + e.getStatus().getDescription();
        }
    }
}
