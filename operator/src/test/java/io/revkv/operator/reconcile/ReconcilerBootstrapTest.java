package io.revkv.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.revkv.operator.member.MemberClient;
import io.revkv.operator.plan.Planner;
import io.revkv.operator.v1alpha1.KVCluster;
import io.revkv.operator.v1alpha1.Phase;
import io.revkv.testing.FreePorts;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reconciler run by JOSDK against the fabric8 mock server in CRUD mode, with no kubelet: a new KVCluster gets
 * its Services, its budget and its one seed (volume and Pod), then waits for the seed, Pending, and does nothing
 * else. (The kubelet-playing harness that starts the seed is the next step.)
 */
@EnableKubernetesMockClient(crud = true)
class ReconcilerBootstrapTest {

    KubernetesClient client;

    private Operator operator;

    @BeforeEach
    void startOperator() {
        int closed = FreePorts.take(1)[0];
        operator = new Operator(o -> o.withKubernetesClient(client).withCloseClientOnStop(false)
                .withUseSSAToPatchPrimaryResource(false).withSSABasedCreateUpdateMatchForDependentResources(false));
        operator.register(new KVClusterReconciler(client,
                (kvc, member) -> MemberClient.connect("127.0.0.1", closed, Optional.empty(), Duration.ofSeconds(1)),
                Clock.systemUTC(), Duration.ofMinutes(5), new SimpleMeterRegistry(), new Planner()));
        operator.start();
    }

    @AfterEach
    void stopOperator() {
        operator.stop();
    }

    @Test
    void aNewClusterGetsItsServicesBudgetAndOneSeedThenWaitsForIt() {
        client.resource(Serialization.unmarshal("""
                apiVersion: revkv.io/v1alpha1
                kind: KVCluster
                metadata: {name: kv, namespace: db}
                spec: {replicas: 3}
                """, KVCluster.class)).create();

        await(() -> status() != null && status().getConditions().stream()
                .anyMatch(c -> c.getType().equals("Progressing") && "SeedStarting".equals(c.getReason())));

        assertThat(client.services().inNamespace("db").list().getItems()).extracting(s -> s.getMetadata().getName())
                .containsExactlyInAnyOrder("kv-peer", "kv-client");
        assertThat(client.policy().v1().podDisruptionBudget().inNamespace("db").withName("kv").get()
                .getSpec().getMinAvailable().getIntVal()).isEqualTo(2);
        assertThat(client.pods().inNamespace("db").list().getItems()).extracting(Pod::getMetadata)
                .extracting(m -> m.getName()).containsExactly("kv-0");
        assertThat(client.persistentVolumeClaims().inNamespace("db").list().getItems()).hasSize(1);
        assertThat(status().getPhase()).isEqualTo(Phase.Pending);
        assertThat(status().getClusterID()).isNull();
        assertThat(status().getSelector()).isEqualTo("revkv.io/cluster=kv");
        List<Event> events = client.v1().events().inNamespace("db").list().getItems();
        assertThat(events).extracting(Event::getReason).containsExactly("Bootstrap");
    }

    private io.revkv.operator.v1alpha1.KVClusterStatus status() {
        KVCluster kvc = client.resources(KVCluster.class).inNamespace("db").withName("kv").get();
        return kvc == null ? null : kvc.getStatus();
    }

    private static void await(Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within 30 s");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
