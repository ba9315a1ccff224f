package io.revkv.operator.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.revkv.operator.v1alpha1.KVClusterStatus;
import io.revkv.operator.v1alpha1.MemberStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A spec edit rolls an Available three-member cluster of real store processes: spec.compaction.retention changes,
 * every Pod is restarted once with the new flag, the leader's last after leadership moved, never two members not
 * ready at once, and the cluster ends Available with the same members.
 */
@EnableKubernetesMockClient(crud = true)
class RollingUpdateIT {

    KubernetesClient client;

    @TempDir
    Path dir;

    private OperatorHarness harness;

    @BeforeEach
    void start() {
        harness = OperatorHarness.start(client, dir);
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void aRetentionChangeRestartsEveryMemberOnceTheLeaderLast() throws Exception {
        harness.create("{replicas: 3, compaction: {mode: Periodic, retention: 1h}}");
        KVClusterStatus before = harness.awaitRunning(3, Duration.ofSeconds(240));
        String leader = OperatorHarness.leader(before);
        Map<String, String> uids = harness.uids();

        harness.edit(k -> {
            k.getSpec().getCompaction().setRetention("2h");
            return k;
        });
        List<String> restartOrder = new ArrayList<>();
        int mostNotReady = watchRoll(uids, restartOrder, Duration.ofSeconds(300));
        KVClusterStatus after = harness.awaitRunning(3, Duration.ofSeconds(120));

        assertThat(restartOrder).as("every Pod restarted once, the leader's last").hasSize(3).doesNotHaveDuplicates()
                .last().isEqualTo(leader);
        assertThat(mostNotReady).as("never two members down").isLessThanOrEqualTo(1);
        for (Pod pod : client.pods().inNamespace("db").list().getItems()) {
            assertThat(pod.getSpec().getContainers().get(0).getArgs()).contains("--auto-compaction-retention=2h");
        }
        assertThat(after.getMembers()).extracting(MemberStatus::getName, MemberStatus::getId)
                .containsExactlyElementsOf(before.getMembers().stream()
                        .map(m -> org.assertj.core.groups.Tuple.tuple(m.getName(), m.getId())).toList());
        List<Event> roll = harness.events().stream().filter(e -> List.of("MemberOutdated", "LeaderLast").contains(e.getReason()))
                .toList();
        roll.forEach(e -> System.out.println(e.getFirstTimestamp() + " " + e.getReason() + ": " + e.getMessage()));
        assertThat(roll).extracting(Event::getReason).containsOnlyOnce("LeaderLast")
                .filteredOn("MemberOutdated"::equals).hasSize(3);
        Event moved = roll.stream().filter(e -> e.getReason().equals("LeaderLast")).findFirst().orElseThrow();
        assertThat(moved.getMessage()).startsWith("leadership moved from " + leader + " to ");
        Event leaderRestart = roll.stream().filter(e -> e.getMessage().startsWith("Pod " + leader + " deleted"))
                .findFirst().orElseThrow();
        assertThat(roll.stream().filter(e -> e != leaderRestart && e != moved))
                .as("the followers' restarts are recorded before leadership moved")
                .allMatch(e -> !OperatorHarness.time(e).isAfter(OperatorHarness.time(moved)));
        assertThat(OperatorHarness.time(leaderRestart)).isAfterOrEqualTo(OperatorHarness.time(moved));
    }

    /** Polls the Pods until each was replaced: the order they were, and the most members down at once. */
    private int watchRoll(Map<String, String> uids, List<String> order, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int mostNotReady = 0;
        Set<String> servedAgain = new HashSet<>();
        while (order.size() < uids.size()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("restarted only " + order + " within " + timeout + "; events "
                        + harness.events().stream().map(e -> e.getReason() + ": " + e.getMessage()).toList());
            }
            Map<String, String> now = harness.uids();
            // down: taken down by the roll (gone, or replaced and not ready since). A Pod that is briefly not ready
            // after it served again, or that was never restarted (/readyz fails for a moment while leadership moves),
            // is counted in the cluster's status, not here.
            for (String name : uids.keySet()) {
                if (now.get(name) != null && !now.get(name).equals(uids.get(name)) && harness.ready(name)) {
                    servedAgain.add(name);
                }
            }
            int notReady = (int) uids.keySet().stream().filter(name -> now.get(name) == null
                    || (!now.get(name).equals(uids.get(name)) && !servedAgain.contains(name))).count();
            mostNotReady = Math.max(mostNotReady, notReady);
            for (String name : uids.keySet()) {
                if (!order.contains(name) && (now.get(name) == null || !now.get(name).equals(uids.get(name)))) {
                    order.add(name);
                }
            }
            Thread.sleep(100);
        }
        return mostNotReady;
    }
}
