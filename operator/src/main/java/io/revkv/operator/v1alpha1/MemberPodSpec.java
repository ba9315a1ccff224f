package io.revkv.operator.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import java.util.List;
import java.util.Map;

/**
 * What the user may add to each member Pod. The operator owns the rest (container, flags, probes, volumes, its
 * selector labels under revkv.io/), so a label here cannot take a member out of its Services.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@ValidationRule(value = "!has(self.labels) || self.labels.all(k, !k.startsWith('revkv.io/'))",
        message = "pod.labels may not set labels under revkv.io/: the operator selects its members by them",
        fieldPath = ".labels")
public class MemberPodSpec {

    @Size(max = 64)
    @JsonPropertyDescription("Labels added to every member Pod (at most 64; none under revkv.io/).")
    private Map<String, String> labels;

    @JsonPropertyDescription("Annotations added to every member Pod.")
    private Map<String, String> annotations;

    @JsonPropertyDescription("Node and Pod affinity of the member Pods, e.g. anti-affinity to spread members "
            + "across nodes.")
    private Affinity affinity;

    @JsonPropertyDescription("Taints the member Pods tolerate.")
    private List<Toleration> tolerations;

    @JsonPropertyDescription("Node labels a member Pod's node must have.")
    private Map<String, String> nodeSelector;

    @JsonPropertyDescription("How member Pods spread across zones or nodes; the operator fills in the label "
            + "selector for its members where a constraint has none.")
    private List<TopologySpreadConstraint> topologySpreadConstraints;

    @Size(min = 1, max = 253)
    @JsonPropertyDescription("The PriorityClass of the member Pods.")
    private String priorityClassName;

    public Map<String, String> getLabels() { return labels; }
    public void setLabels(Map<String, String> labels) { this.labels = labels; }
    public Map<String, String> getAnnotations() { return annotations; }
    public void setAnnotations(Map<String, String> annotations) { this.annotations = annotations; }
    public Affinity getAffinity() { return affinity; }
    public void setAffinity(Affinity affinity) { this.affinity = affinity; }
    public List<Toleration> getTolerations() { return tolerations; }
    public void setTolerations(List<Toleration> tolerations) { this.tolerations = tolerations; }
    public Map<String, String> getNodeSelector() { return nodeSelector; }
    public void setNodeSelector(Map<String, String> nodeSelector) { this.nodeSelector = nodeSelector; }
    public List<TopologySpreadConstraint> getTopologySpreadConstraints() { return topologySpreadConstraints; }
    public void setTopologySpreadConstraints(List<TopologySpreadConstraint> c) { this.topologySpreadConstraints = c; }
    public String getPriorityClassName() { return priorityClassName; }
    public void setPriorityClassName(String priorityClassName) { this.priorityClassName = priorityClassName; }
}
