package io.revkv.operator.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import io.revkv.operator.apiserver.Crd;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code kubectl explain kvcluster.spec...} answers for every field revkv defines. */
class CrdDocumentationTest {

    /** Kubernetes' own types, embedded as they are: their fields are documented upstream, not here. */
    private static final Set<String> EMBEDDED_KUBERNETES_TYPES = Set.of(
            "spec.resources", "spec.pod.affinity", "spec.pod.tolerations", "spec.pod.topologySpreadConstraints",
            "status.conditions");

    @Test
    void everyFieldRevkvDefinesHasADescription() {
        Map<String, Object> root = Crd.load(GeneratedCrd.checkedIn()).openApiV3Schema();
        List<String> undocumented = new ArrayList<>();
        for (String top : List.of("spec", "status")) {
            collectUndocumented(child(properties(root), top), top, undocumented);
        }

        assertThat(undocumented).isEmpty();
    }

    @Test
    void theWalkReachesTheDeepestSections() {
        Map<String, Object> spec = child(properties(Crd.load(GeneratedCrd.checkedIn()).openApiV3Schema()), "spec");
        Map<String, Object> retention = child(properties(child(properties(child(properties(spec), "storage")),
                "retentionPolicy")), "whenScaled");

        assertThat(retention).containsKey("description");
    }

    private static void collectUndocumented(Map<String, Object> node, String path, List<String> undocumented) {
        if (EMBEDDED_KUBERNETES_TYPES.contains(path)) {
            return;
        }
        properties(node).forEach((name, child) -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> schema = (Map<String, Object>) child;
            if (!(schema.get("description") instanceof String description) || description.isBlank()) {
                undocumented.add(path + "." + name);
            }
            collectUndocumented(schema, path + "." + name, undocumented);
            if (schema.get("items") instanceof Map<?, ?> items) {
                @SuppressWarnings("unchecked")
                Map<String, Object> itemSchema = (Map<String, Object>) items;
                collectUndocumented(itemSchema, path + "." + name, undocumented);
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(Map<String, Object> node) {
        return (Map<String, Object>) node.getOrDefault("properties", Map.of());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> child(Map<String, Object> properties, String name) {
        return (Map<String, Object>) properties.get(name);
    }
}
