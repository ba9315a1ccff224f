package io.revkv.operator.execute;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.revkv.operator.metrics.OperatorMetrics;
import io.revkv.operator.plan.Action;
import io.revkv.operator.plan.Desired;
import io.revkv.operator.plan.Observation;
import io.revkv.operator.plan.Reason;
import io.revkv.operator.v1alpha1.KVCluster;
import io.revkv.operator.v1alpha1.KVClusterStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A wait that turns stuck is recorded once, as a Warning Event, when the stored status does not say so yet; while it
 * stays stuck (the status' Progressing reason carries it) nothing more is recorded; plain waits record nothing.
 */
@EnableKubernetesMockClient(crud = true)
class ExecutorStuckEventTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T10:00:00Z"), ZoneOffset.UTC);
    private static final String DETAIL = "learner kv-1 has not caught up 10m0s after its Pod was created (deadline "
            + "10m0s): it applied 10 of the leader's 900; still waiting: learner kv-1 has applied 10 of the leader's 900";

    KubernetesClient client;

    private KVCluster kvc;
    private Executor executor;

    @BeforeEach
    void createCluster() {
        kvc = client.resource(Serialization.unmarshal("""
                apiVersion: revkv.io/v1alpha1
                kind: KVCluster
                metadata: {name: kv, namespace: db}
                spec: {replicas: 3}
                """, KVCluster.class)).create();
        executor = new Executor(client, (cluster, member) -> {
            throw new AssertionError("no member is asked for " + member);
        }, CLOCK, new OperatorMetrics(new SimpleMeterRegistry()));
    }

    private List<Event> events() {
        return client.v1().events().inNamespace("db").list().getItems();
    }

    private void progressing(String reason) {
        KVClusterStatus status = new KVClusterStatus();
        status.setConditions(List.of(new ConditionBuilder().withType("Progressing").withStatus("True")
                .withReason(reason).withMessage("…").withLastTransitionTime("2026-01-01T09:50:00Z").build()));
        kvc.setStatus(status);
    }

    private Execution perform(Action action) {
        return executor.perform(kvc, Observation.empty(new Desired("kv", 3, false, false)), action);
    }

    @Test
    void aStepTurningStuckIsOneWarning() {
        progressing("LearnerCatchingUp");
        perform(new Action.Wait(Reason.LearnerCatchingUp, "learner kv-1 has applied 10 of the leader's 900"));
        assertThat(events()).as("a plain wait records nothing").isEmpty();

        Execution stuck = perform(new Action.Wait(Reason.LearnerStuck, DETAIL));

        assertThat(stuck.performed()).isFalse();
        assertThat(events()).extracting(Event::getReason, Event::getType, Event::getMessage)
                .containsExactly(Tuple.tuple("LearnerStuck", "Warning", DETAIL));

        progressing("LearnerStuck");
        perform(new Action.Wait(Reason.LearnerStuck, DETAIL.replace("10m0s after", "10m5s after")));
        assertThat(events()).as("still stuck, already reported").hasSize(1);

        perform(new Action.Wait(Reason.MemberNotReady, "Pod kv-2 has not been ready for 10m0s (deadline 10m0s)"));
        assertThat(events()).as("another step stuck is another Warning")
                .extracting(Event::getReason, Event::getType)
                .containsExactly(Tuple.tuple("LearnerStuck", "Warning"), Tuple.tuple("MemberNotReady", "Warning"));
    }

    @Test
    void aClusterWithoutStatusIsReportedToo() {
        perform(new Action.Wait(Reason.MemberNotReady, "Pod kv-0 has not been ready for 12m0s (deadline 10m0s)"));

        assertThat(events()).extracting(Event::getReason, Event::getType)
                .containsExactly(Tuple.tuple("MemberNotReady", "Warning"));
    }
}
