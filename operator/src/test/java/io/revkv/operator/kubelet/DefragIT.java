package io.revkv.operator.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.revkv.operator.v1alpha1.DefragRecord;
import io.revkv.operator.v1alpha1.DefragSpec;
import io.revkv.operator.v1alpha1.KVClusterStatus;
import io.revkv.operator.v1alpha1.MemberStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scheduled defragmentation of an Available three-member cluster of real store processes: spec.defrag gets a
 * schedule that fires once, the next minute (UTC), with no thresholds; each member is defragmented once, the
 * followers first, the leader last after leadership moved away, the Events in that order, and status.lastDefrag
 * holds every member's sizes before and after.
 */
@EnableKubernetesMockClient(crud = true)
class DefragIT {

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
    void aScheduleDefragmentsEachMemberOnceTheLeaderLast() throws Exception {
        harness.create("{replicas: 3}");
        KVClusterStatus before = harness.awaitRunning(3, Duration.ofSeconds(240));
        String leader = OperatorHarness.leader(before);

        // Once a year, at the next minute: the pass happens once, and only after this edit.
        ZonedDateTime next = ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        String schedule = next.getMinute() + " " + next.getHour() + " " + next.getDayOfMonth() + " "
                + next.getMonthValue() + " *";
        harness.edit(k -> {
            DefragSpec defrag = new DefragSpec();
            defrag.setSchedule(schedule);
            defrag.setMinFragmentationRatio(0.0);
            defrag.setMinReclaimBytes("0");
            defrag.setTimeout("30s");
            k.getSpec().setDefrag(defrag);
            return k;
        });
        List<DefragRecord> records = awaitDefragmented(3, Duration.ofSeconds(150));

        List<Event> pass = harness.events().stream()
                .filter(e -> List.of("DefragScheduled", "DefragLeaderLast").contains(e.getReason())).toList();
        pass.forEach(e -> System.out.println(e.getFirstTimestamp() + " " + e.getType() + " " + e.getReason() + ": "
                + e.getMessage()));
        assertThat(pass).extracting(Event::getType).containsOnly("Normal");
        List<Event> defrags = pass.stream().filter(e -> e.getReason().equals("DefragScheduled")).toList();
        assertThat(defrags).as("each member once").hasSize(3)
                .extracting(e -> e.getMessage().substring(0, e.getMessage().indexOf(' ')))
                .doesNotHaveDuplicates().containsExactlyInAnyOrder("kv-0", "kv-1", "kv-2");
        Event moved = pass.stream().filter(e -> e.getReason().equals("DefragLeaderLast")).findFirst().orElseThrow();
        assertThat(pass).filteredOn(e -> e.getReason().equals("DefragLeaderLast")).hasSize(1);
        assertThat(moved.getMessage()).startsWith("leadership moved from " + leader + " to ");
        Event leaderDefrag = defrags.stream().filter(e -> e.getMessage().startsWith(leader + " ")).findFirst()
                .orElseThrow();
        assertThat(OperatorHarness.time(leaderDefrag)).as("the leader after leadership moved").isAfterOrEqualTo(OperatorHarness.time(moved));
        assertThat(defrags.stream().filter(e -> e != leaderDefrag))
                .as("the followers before leadership moved").allMatch(e -> !OperatorHarness.time(e).isAfter(OperatorHarness.time(moved)));
        assertThat(records).extracting(DefragRecord::getName).containsExactly("kv-0", "kv-1", "kv-2");
        assertThat(records).allSatisfy(r -> {
            assertThat(r.getReason()).isEqualTo("DefragScheduled");
            assertThat(r.getDbSizeBefore()).isPositive();
            assertThat(r.getDbSizeAfter()).isPositive();
            assertThat(Instant.parse(r.getTime())).isAfterOrEqualTo(next.toInstant());
        });
        assertThat(harness.awaitRunning(3, Duration.ofSeconds(60)).getMembers()).extracting(MemberStatus::getName)
                .containsExactly("kv-0", "kv-1", "kv-2");
    }

    private List<DefragRecord> awaitDefragmented(int members, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            KVClusterStatus s = harness.status();
            if (s != null && s.getLastDefrag() != null && s.getLastDefrag().size() == members) {
                return s.getLastDefrag();
            }
            Thread.sleep(500);
        }
        throw new AssertionError("not " + members + " members defragmented within " + timeout + "; events "
                + harness.events().stream().map(e -> e.getReason() + ": " + e.getMessage()).toList());
    }
}
