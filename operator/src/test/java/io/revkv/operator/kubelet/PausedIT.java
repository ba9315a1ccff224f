package io.revkv.operator.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.revkv.operator.v1alpha1.KVClusterStatus;
import io.revkv.operator.v1alpha1.Phase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * spec.paused on a running one-member cluster of a real store process: a spec edit that would roll the member
 * restarts nothing while paused, the status reads Paused and says what resuming would do (and keeps refreshing the
 * member's revision); unpausing rolls it.
 */
@EnableKubernetesMockClient(crud = true)
class PausedIT {

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
    void pausedRollsNothingAndSaysSoThenResumes() throws Exception {
        harness.create("{replicas: 1, compaction: {mode: Periodic, retention: 1h}}");
        KVClusterStatus running = harness.awaitRunning(1, Duration.ofSeconds(240));
        harness.awaitTrue(() -> harness.pod("kv-0") != null
                && !harness.pod("kv-0").getSpec().getContainers().get(0).getArgs().contains("--initial-cluster-state=new")
                && harness.ready("kv-0"), Duration.ofSeconds(120));
        Map<String, String> uids = harness.uids();

        harness.edit(k -> {
            k.getSpec().setPaused(true);
            k.getSpec().getCompaction().setRetention("2h");
            return k;
        });
        harness.awaitTrue(() -> harness.status().getPhase() == Phase.Paused, Duration.ofSeconds(60));
        String revisionBefore = String.valueOf(harness.status().getRevision());
        OperatorHarness.etcdctl("http://127.77.0.1:2379", "put", "while-paused", "1");
        harness.awaitTrue(() -> !String.valueOf(harness.status().getRevision()).equals(revisionBefore),
                Duration.ofSeconds(60));
        Thread.sleep(5000);

        KVClusterStatus paused = harness.status();
        harness.report(paused);
        assertThat(harness.uids()).as("nothing restarted while paused").isEqualTo(uids);
        assertThat(harness.events()).extracting(Event::getReason).doesNotContain("MemberOutdated");
        assertThat(paused.getPhase()).isEqualTo(Phase.Paused);
        Condition progressing = paused.getConditions().stream().filter(c -> c.getType().equals("Progressing"))
                .findFirst().orElseThrow();
        assertThat(progressing.getStatus()).isEqualTo("False");
        assertThat(progressing.getReason()).isEqualTo("Paused");
        assertThat(progressing.getMessage()).startsWith("spec.paused is true: the operator changes nothing; "
                + "when resumed it would RestartMember[member=kv-0");
        assertThat(running.getRevision()).as("the status kept refreshing").isLessThan(paused.getRevision());

        harness.edit(k -> {
            k.getSpec().setPaused(false);
            return k;
        });
        harness.awaitTrue(() -> harness.pod("kv-0") != null && harness.pod("kv-0").getSpec().getContainers().get(0)
                .getArgs().contains("--auto-compaction-retention=2h"), Duration.ofSeconds(120));
        KVClusterStatus resumed = harness.awaitRunning(1, Duration.ofSeconds(180));
        assertThat(harness.events()).extracting(Event::getReason).contains("MemberOutdated");
        assertThat(resumed.getRevision()).as("the data is still there").isGreaterThanOrEqualTo(paused.getRevision());
    }
}
