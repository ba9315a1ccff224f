package io.revkv.store.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import io.revkv.testing.Etcdctl;
import io.revkv.testing.RevkvProcess;
import io.revkv.testing.ServerProcess;
import io.revkv.testing.ServerProcesses;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A 3-member revkv cluster changed with etcdctl as an operator would, while a client writes through every member:
 * a learner is added and started with {@code --initial-cluster-state existing}, serves serializable reads only, is
 * promoted once in sync, takes leadership (move-leader); the old leader is removed and stops by itself, and comes back
 * as a new member with wiped data. Afterwards every acknowledged write is on every member and their HashKV agree.
 */
class MembershipLifecycleIT {

    @RegisterExtension
    final ServerProcesses servers = new ServerProcesses();

    @Test
    void learnerJoinsIsPromotedLeadsAndTheOldLeaderIsRemovedAndReaddedWithWipedData() {
        List<ServerProcess> members = new CopyOnWriteArrayList<>(List.of("m1", "m2", "m3").stream()
                .map(name -> (ServerProcess) new RevkvProcess(name, servers.baseDir())).toList());
        Members.startAll(members);
        members.forEach(servers::track);
        try (AckedWriter writer = new AckedWriter(() -> members)) {
            ServerProcess m4 = join(members, "m4", true);
            assertThat(Etcdctl.run(m4, "get", "w/000000", "--consistency=s").exitCode()).isZero();
            Etcdctl.Result refused = Etcdctl.run(m4, "put", "x", "y", "--command-timeout=2s");
            assertThat(refused.stderr()).contains("etcdserver: rpc not supported for learner");

            String m4Id = Long.toHexString(Members.id(m4));
            Members.await("the learner promoted", () -> Optional.of(Etcdctl.run(members.get(1), "member", "promote",
                    m4Id)).filter(r -> r.exitCode() == 0));
            members.add(m4);

            ServerProcess oldLeader = Members.leader(members);
            Etcdctl.Result moved = Etcdctl.run(oldLeader, "move-leader", m4Id);
            assertThat(moved.stdout()).contains("Leadership transferred from");
            assertThat(Members.leader(members)).isSameAs(m4);

            assertThat(Etcdctl.run(m4, "member", "remove", Long.toHexString(Members.id(oldLeader))).exitCode())
                    .isZero();
            Members.await("the removed member to stop", () -> Optional.of(oldLeader).filter(m -> !m.isAlive()));
            members.remove(oldLeader);
            assertThat(Members.list(m4)).hasSize(3);

            ServerProcess again = rejoinWiped(members, oldLeader);
            members.add(again);
            Members.await("writes acknowledged after the changes", () -> Optional.of(writer.acknowledged())
                    .filter(n -> n > 50));
            Set<String> acked = writer.stop();
            assertEveryMemberHolds(members, acked);
            assertClusterWideEtcdctl(members);
        }
    }

    /**
     * etcdctl's {@code --cluster} commands dial every member's advertised client URL as it is, {@code http://}
     * included, which grpc-go sends as the HTTP/2 authority.
     */
    private static void assertClusterWideEtcdctl(List<ServerProcess> members) {
        Etcdctl.Result status = Etcdctl.run(members.get(0), "endpoint", "status", "--cluster", "-w", "json");
        assertThat(status.exitCode()).as(status.stderr()).isZero();
        JsonArray statuses = JsonParser.parseString(status.stdout()).getAsJsonArray();
        assertThat(statuses).hasSize(members.size());
        assertThat(statuses.asList().stream().map(JsonElement::getAsJsonObject)
                .filter(s -> s.getAsJsonObject("Status").get("leader").getAsString().equals(s.getAsJsonObject("Status")
                        .getAsJsonObject("header").get("member_id").getAsString()))).as(status.stdout()).hasSize(1);
        Members.await("every member's HashKV equal through etcdctl", () -> {
            Etcdctl.Result hashes = Etcdctl.run(members.get(0), "endpoint", "hashkv", "--cluster", "-w", "json");
            assertThat(hashes.exitCode()).as(hashes.stderr()).isZero();
            JsonArray answers = JsonParser.parseString(hashes.stdout()).getAsJsonArray();
            assertThat(answers).hasSize(members.size());
            return Optional.of(answers).filter(a -> a.asList().stream()
                    .map(h -> h.getAsJsonObject().getAsJsonObject("HashKV").get("hash").getAsString())
                    .distinct().count() == 1);
        });
    }

    /** etcdctl member add, then a new member started with --initial-cluster-state existing. */
    private ServerProcess join(List<ServerProcess> members, String name, boolean learner) {
        RevkvProcess joining = new RevkvProcess(name, servers.baseDir());
        List<String> add = new ArrayList<>(List.of("member", "add", name, "--peer-urls=" + joining.peerUrl()));
        if (learner) {
            add.add("--learner");
        }
        Etcdctl.Result added = Etcdctl.run(members.get(0), add.toArray(String[]::new));
        assertThat(added.exitCode()).as(added.toString()).isZero();
        joining.useInitialCluster(String.join(",", members.stream().map(m -> m.name() + "=" + m.peerUrl()).toList())
                + "," + name + "=" + joining.peerUrl());
        joining.useExtraFlags("--initial-cluster-state", "existing");
        joining.start();
        servers.track(joining);
        Members.await(name + " serving serializable reads", () -> Optional.of(joining)
                .filter(j -> Etcdctl.run(j, "get", "w/000000", "--consistency=s", "--print-value-only").stdout()
                        .contains("w/000000")));
        return joining;
    }

    /** The removed member comes back as a new member (etcd gives it a new ID), from an empty data dir. */
    private ServerProcess rejoinWiped(List<ServerProcess> members, ServerProcess removed) {
        ServerProcess fresh = join(members, removed.name() + "-again", false);
        fresh.awaitReady(Duration.ofSeconds(60));
        return fresh;
    }

    private static void assertEveryMemberHolds(List<ServerProcess> members, Set<String> acked) {
        long revision = members.stream().mapToLong(AckedWriter::revision).max().orElseThrow();
        Members.await("every member at revision " + revision, () -> Optional.of(members)
                .filter(ms -> ms.stream().allMatch(m -> AckedWriter.revision(m) >= revision)));
        for (ServerProcess member : members) {
            assertThat(AckedWriter.keysOn(member)).as("acknowledged writes on " + member.name())
                    .containsAll(acked);
        }
        assertThat(members.stream().map(m -> AckedWriter.hashKv(m, revision)).distinct().toList())
                .as("HashKV at revision " + revision).hasSize(1);
    }
}
