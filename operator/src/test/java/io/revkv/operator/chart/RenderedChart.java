package io.revkv.operator.chart;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The chart as {@code helm template} renders it with Helm's own engine (helm-java), each object read as its Kubernetes
 * type with {@link StrictModel}: a misspelt field, a field at the wrong level or a kind fabric8 does not know fails
 * the test instead of being dropped by the API server.
 */
final class RenderedChart {

    static final String RELEASE = "revkv";
    static final String NAMESPACE = "revkv-system";
    /** A current cluster; the chart asks for 1.25 or newer (the CRD's CEL rules). */
    static final String KUBE_VERSION = "1.31.0";
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    /**
     * Kinds of other projects' CRDs the chart may render, for which fabric8 has no model: read as generic resources
     * and checked field by field by their tests.
     */
    static final Set<String> FOREIGN_KINDS = Set.of("monitoring.coreos.com/v1/ServiceMonitor");

    final List<HasMetadata> objects;

    private RenderedChart(List<HasMetadata> objects) {
        this.objects = objects;
    }

    static Path chartDir() {
        return Path.of(System.getProperty("revkv.repo.root", "..")).resolve("helm/revkv-operator").toAbsolutePath()
                .normalize();
    }

    static Path repoRoot() {
        return Path.of(System.getProperty("revkv.repo.root", "..")).toAbsolutePath().normalize();
    }

    /** @param values {@code --set} pairs, e.g. {@code rbac.scope=namespace} */
    static RenderedChart render(Map<String, Object> values) {
        TemplateCommand template = new Helm(chartDir()).template().withName(RELEASE).withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION);
        values.forEach(template::set);
        return new RenderedChart(parse(template.call()));
    }

    static List<HasMetadata> parse(String multiDocumentYaml) {
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : multiDocumentYaml.split("(?m)^---\\s*$")) {
            if (document.lines().allMatch(l -> l.isBlank() || l.trim().startsWith("#"))) {
                continue;
            }
            Object parsed = SERIALIZATION.unmarshal(document);
            if (parsed instanceof GenericKubernetesResource generic
                    && FOREIGN_KINDS.contains(generic.getApiVersion() + "/" + generic.getKind())) {
                objects.add(generic);
                continue;
            }
            if (!(parsed instanceof HasMetadata object) || parsed instanceof GenericKubernetesResource) {
                throw new AssertionError("not a known Kubernetes kind: " + document);
            }
            StrictModel.assertNoUnknownFields(object);
            objects.add(object);
        }
        return objects;
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The rendered objects of one of {@link #FOREIGN_KINDS}. */
    List<GenericKubernetesResource> generic(String kind) {
        return all(GenericKubernetesResource.class).stream().filter(r -> kind.equals(r.getKind())).toList();
    }

    <T extends HasMetadata> T one(Class<T> type) {
        List<T> found = all(type);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + type.getSimpleName() + ", rendered " + found.size());
        }
        return found.get(0);
    }
}
