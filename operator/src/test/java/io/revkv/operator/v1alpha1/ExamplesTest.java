package io.revkv.operator.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.revkv.operator.apiserver.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The examples a user applies as they are: admitted, and read by the operator as the same KVCluster. */
class ExamplesTest {

    static Stream<Path> examples() throws Exception {
        return Files.list(GeneratedCrd.repoRoot().resolve("examples")).filter(p -> p.toString().endsWith(".yaml")).sorted();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void exampleIsAdmittedAsItIs(Path example) throws Exception {
        Object resource = Json.parseYaml(Files.readString(example));

        assertThat(Admission.API_SERVER.create(resource)).as(example.toString()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void operatorReadsTheStoredExampleAsTheApiServerDefaultedIt(Path example) throws Exception {
        Object stored = Admission.API_SERVER.defaulted(Json.parseYaml(Files.readString(example)));

        KVCluster cluster = Serialization.unmarshal(Json.write(stored), KVCluster.class);

        assertThat(Json.parseYaml(Serialization.asJson(cluster))).isEqualTo(stored);
    }

    @Test
    void minimalExampleTakesTheSchemaDefaults() throws Exception {
        Object stored = Admission.API_SERVER.defaulted(
                Json.parseYaml(Files.readString(GeneratedCrd.repoRoot().resolve("examples/kvcluster-minimal.yaml"))));

        KVClusterSpec spec = Serialization.unmarshal(Json.write(stored), KVCluster.class).getSpec();

        assertThat(spec.getReplicas()).isEqualTo(3);
        assertThat(spec.getVersion()).isEqualTo("0.1.0");
        assertThat(spec.getStorage().getSize()).isEqualTo("8Gi");
        assertThat(spec.getStorage().getStorageClassName()).isNull();
        assertThat(spec.getStorage().getRetentionPolicy().getWhenDeleted()).isEqualTo(VolumeRetentionPolicy.Policy.Retain);
        assertThat(spec.getStorage().getRetentionPolicy().getWhenScaled()).isEqualTo(VolumeRetentionPolicy.Policy.Retain);
        assertThat(spec.getCompaction().getMode()).isEqualTo(CompactionSpec.Mode.Periodic);
        assertThat(spec.getCompaction().getRetention()).isEqualTo("1h");
        assertThat(spec.getSnapshotCount()).isEqualTo(100000L);
        assertThat(spec.getPaused()).isFalse();
        assertThat(spec.getDefrag()).isNull();
        assertThat(spec.getTls()).isNull();
    }

    @Test
    void javaDefaultsAreTheSchemaDefaults() {
        Object fromSchema = Admission.API_SERVER.defaulted(Admission.kvcluster("{}"));
        KVCluster fromJava = new KVCluster();
        fromJava.getMetadata().setName("example");
        fromJava.setSpec(new KVClusterSpec());

        assertThat(Json.parseYaml(Serialization.asJson(fromJava))).isEqualTo(fromSchema);
    }
}
