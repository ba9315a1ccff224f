package io.revkv.operator.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.revkv.operator.v1alpha1.ClientTlsSpec;
import io.revkv.operator.v1alpha1.CompactionSpec;
import io.revkv.operator.v1alpha1.KVCluster;
import io.revkv.operator.v1alpha1.TlsSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which spec edits make every member's Pod outdated (and so roll the cluster), and which do not. */
class PodHashTest {

    static Stream<Arguments> podAffectingEdits() {
        return Stream.of(
                edit("version", s -> s.getSpec().setVersion("0.1.1")),
                edit("image", s -> s.getSpec().setImage("registry.example.com/revkv:0.1.0")),
                edit("resources", s -> s.getSpec().setResources(new ResourceRequirementsBuilder()
                        .addToLimits("memory", new Quantity("2Gi")).build())),
                edit("compaction retention", s -> s.getSpec().getCompaction().setRetention("2h")),
                edit("compaction mode", s -> {
                    s.getSpec().getCompaction().setMode(CompactionSpec.Mode.Revision);
                    s.getSpec().getCompaction().setRetention("1000");
                }),
                edit("quota", s -> s.getSpec().setQuotaBackendBytes(4L << 30)),
                edit("snapshot count", s -> s.getSpec().setSnapshotCount(5000L)),
                edit("client TLS", s -> {
                    TlsSpec tls = new TlsSpec();
                    ClientTlsSpec client = new ClientTlsSpec();
                    client.setSecretName("example-client-tls");
                    tls.setClient(client);
                    s.getSpec().setTls(tls);
                }),
                edit("pod annotations", s -> s.getSpec().getPod().setAnnotations(Map.of("team", "kv"))),
                edit("tolerations", s -> s.getSpec().getPod().setTolerations(List.of(new TolerationBuilder()
                        .withKey("dedicated").withOperator("Exists").build()))));
    }

    private static Arguments edit(String name, Consumer<KVCluster> change) {
        return Arguments.of(name, change);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("podAffectingEdits")
    void aPodAffectingEditChangesTheHash(String field, Consumer<KVCluster> change) {
        KVCluster kvc = Clusters.minimal();
        String before = PodHash.of(kvc);

        change.accept(kvc);

        assertThat(PodHash.of(kvc)).as(field).isNotEqualTo(before).matches("[0-9a-f]{16}");
        assertThat(MemberPod.desired(kvc, "example-1", MemberStart.join(List.of("example-0", "example-1")))
                .getMetadata().getAnnotations()).containsEntry(MemberPod.POD_HASH_ANNOTATION, PodHash.of(kvc));
    }

    @Test
    void replicasPausedAndTheOrderOfLabelsRollNothing() {
        KVCluster kvc = Clusters.minimal();
        kvc.getSpec().getPod().setLabels(ordered("a", "b"));
        String before = PodHash.of(kvc);

        kvc.getSpec().setReplicas(5);
        kvc.getSpec().setPaused(true);
        kvc.getSpec().getPod().setLabels(ordered("b", "a"));

        assertThat(PodHash.of(kvc)).isEqualTo(before);
    }

    @Test
    void everyMemberRecordsTheSameHashHoweverItStarted() {
        KVCluster kvc = Clusters.minimal();

        var seed = MemberPod.desired(kvc, "example-0", MemberStart.seed("example-0"));
        var joined = MemberPod.desired(kvc, "example-1", MemberStart.join(List.of("example-0", "example-1")));
        var again = MemberPod.desired(kvc, "example-0", MemberStart.join(List.of("example-0", "example-1", "example-2")));

        assertThat(List.of(seed, joined, again)).allSatisfy(pod -> assertThat(pod.getMetadata().getAnnotations())
                .containsEntry(MemberPod.POD_HASH_ANNOTATION, PodHash.of(kvc))
                .containsEntry(MemberPod.VERSION_ANNOTATION, "0.1.0"));
    }

    private static Map<String, String> ordered(String first, String second) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(first, "value-" + first);
        labels.put(second, "value-" + second);
        return labels;
    }
}
