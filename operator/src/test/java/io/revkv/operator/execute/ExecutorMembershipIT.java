package io.revkv.operator.execute;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.revkv.operator.member.GroupMember;
import io.revkv.operator.member.MemberClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.revkv.operator.metrics.OperatorMetrics;
import io.revkv.operator.plan.Action;
import io.revkv.operator.plan.Desired;
import io.revkv.operator.plan.MemberReport;
import io.revkv.operator.plan.Observation;
import io.revkv.operator.plan.Reason;
import io.revkv.operator.v1alpha1.KVCluster;
import io.revkv.testing.LoopbackCluster;
import io.revkv.testing.ServerProcess;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The executor's membership actions against a real three-member etcd 3.4 (members kv-0..kv-2 mapped to its
 * loopback ports), its Events on the fabric8 mock server: a learner added once however often asked, a promotion
 * refused while the learner is not in sync, a removal done once, leadership moved.
 */
@EnableKubernetesMockClient(crud = true)
class ExecutorMembershipIT {

    private static LoopbackCluster etcd;

    KubernetesClient client;

    @BeforeAll
    static void startEtcd() throws Exception {
        etcd = LoopbackCluster.etcd(3, Files.createTempDirectory("executor")).start();
        etcd.awaitLeader(Duration.ofSeconds(60));
    }

    @AfterAll
    static void stopEtcd() {
        if (etcd != null) {
            etcd.close();
        }
    }

    private static MemberConnector loopback() {
        return (kvc, member) -> MemberClient.connect("127.0.0.1",
                etcd.member(Integer.parseInt(member.substring("kv-".length()))).clientPort(), Optional.empty(),
                Duration.ofSeconds(5));
    }

    /** The members' Status as the observation reports it, leader included. */
    private static Observation observed() {
        ServerProcess leader = etcd.awaitLeader(Duration.ofSeconds(30));
        long leaderId = etcd.memberId(leader);
        Observation o = Observation.empty(new Desired("kv", 3, false, false));
        MemberReport[] reports = new MemberReport[3];
        for (int i = 0; i < 3; i++) {
            long id = etcd.memberId(etcd.member(i));
            reports[i] = new MemberReport("kv-" + i, id, 1, leaderId, 10, true);
        }
        return o.withReports(reports);
    }

    private KVCluster cluster() {
        return client.resource(Serialization.unmarshal("""
                apiVersion: revkv.io/v1alpha1
                kind: KVCluster
                metadata: {name: kv, namespace: db}
                spec: {replicas: 3}
                """, KVCluster.class)).create();
    }

    private List<GroupMember> members() {
        try (MemberClient c = loopback().connect(null, "kv-0")) {
            return c.memberList().value();
        }
    }

    @Test
    void aLearnerIsAddedOnceRefusedPromotionWhileBehindAndRemovedOnce() throws Exception {
        KVCluster kvc = cluster();
        Executor executor = new Executor(client, loopback(), Clock.systemUTC(),
                new OperatorMetrics(new SimpleMeterRegistry()));
        Observation o = observed();

        Execution added = retryWhileUnhealthy(() -> executor.perform(kvc, o, new Action.AddLearner("kv-3")));
        assertThat(added.performed()).as(added.message()).isTrue();
        GroupMember learner = members().stream().filter(GroupMember::learner).findFirst().orElseThrow();
        assertThat(learner.peerUrls()).containsExactly("http://kv-3.kv-peer.db.svc:2380");

        Thread.sleep(1100); // past the second: etcd then answers "Peer URLs already exists", not "member ID already exist"
        Execution again = executor.perform(kvc, o, new Action.AddLearner("kv-3"));
        assertThat(again.message()).isEqualTo("already done: etcdserver: Peer URLs already exists");
        assertThat(members()).filteredOn(GroupMember::learner).hasSize(1);

        Execution promote = executor.perform(kvc, o, new Action.PromoteLearner("kv-3", learner.id()));
        assertThat(promote.performed()).isFalse();
        assertThat(promote.message()).contains("can only promote a learner member which is in sync with leader");

        Execution removed = executor.perform(kvc, o, new Action.RemoveMember("kv-3", learner.id(), Reason.ScaleDown));
        Execution removedAgain = executor.perform(kvc, o, new Action.RemoveMember("kv-3", learner.id(), Reason.ScaleDown));
        assertThat(removed.performed()).isTrue();
        assertThat(removedAgain.message()).isEqualTo("already done: etcdserver: member not found");
        assertThat(members()).hasSize(3);

        List<Event> events = client.v1().events().inNamespace("db").list().getItems().stream()
                .filter(e -> !e.getMessage().contains("unhealthy cluster")).toList(); // the retries above, each a Warning
        assertThat(events).extracting(Event::getReason, Event::getType).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("ScaleUp", "Normal"),
                org.assertj.core.groups.Tuple.tuple("ScaleUp", "Normal"),
                org.assertj.core.groups.Tuple.tuple("LearnerCaughtUp", "Warning"),
                org.assertj.core.groups.Tuple.tuple("ScaleDown", "Normal"),
                org.assertj.core.groups.Tuple.tuple("ScaleDown", "Normal"));
    }

    @Test
    void leadershipMovesFromTheLeaderToTheChosenVoter() {
        KVCluster kvc = cluster();
        Executor executor = new Executor(client, loopback(), Clock.systemUTC(),
                new OperatorMetrics(new SimpleMeterRegistry()));
        ServerProcess leader = etcd.awaitLeader(Duration.ofSeconds(30));
        ServerProcess next = etcd.others(leader).get(0);
        String from = "kv-" + etcd.members().indexOf(leader);
        String to = "kv-" + etcd.members().indexOf(next);

        Execution moved = executor.perform(kvc, observed(), new Action.MoveLeader(from, etcd.memberId(next), to));

        assertThat(moved.message()).isEqualTo("leadership moved from " + from + " to " + to);
        assertThat(etcd.awaitLeader(Duration.ofSeconds(30))).isSameAs(next);
        assertThat(client.v1().events().inNamespace("db").list().getItems()).extracting(Event::getReason)
                .containsExactly("LeaderLeaving");
    }

    /** etcd refuses reconfiguration as "unhealthy cluster" for 5 s after its members connected. */
    private static Execution retryWhileUnhealthy(java.util.function.Supplier<Execution> action) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Execution execution = action.get();
        while (!execution.performed() && execution.message().contains("unhealthy cluster") && System.nanoTime() < deadline) {
            Thread.sleep(300);
            execution = action.get();
        }
        return execution;
    }
}
