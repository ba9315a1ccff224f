package io.revkv.operator.kubelet;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.revkv.operator.v1alpha1.KVCluster;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Kubernetes' garbage collector, as far as a KVCluster's objects need it (the mock server has none): an object
 * whose owner KVCluster is gone is deleted. Volumes have no owner, so it never touches them.
 */
final class GarbageCollector {

    private final KubernetesClient client;
    private final String namespace;

    GarbageCollector(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    void collect() {
        Set<String> owners = client.resources(KVCluster.class).inNamespace(namespace).list().getItems().stream()
                .map(k -> k.getMetadata().getUid()).collect(Collectors.toSet());
        Stream.of(client.pods().inNamespace(namespace).list().getItems(),
                        client.services().inNamespace(namespace).list().getItems(),
                        client.policy().v1().podDisruptionBudget().inNamespace(namespace).list().getItems(),
                        client.persistentVolumeClaims().inNamespace(namespace).list().getItems())
                .flatMap(List::stream).map(HasMetadata.class::cast)
                .filter(o -> orphaned(o, owners))
                .forEach(o -> client.resource(o).delete());
    }

    private static boolean orphaned(HasMetadata object, Set<String> owners) {
        var references = object.getMetadata().getOwnerReferences();
        return references != null && !references.isEmpty() && references.stream()
                .allMatch(r -> "KVCluster".equals(r.getKind()) && !owners.contains(r.getUid()));
    }
}
