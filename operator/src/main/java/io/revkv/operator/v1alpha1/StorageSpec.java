package io.revkv.operator.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * Each member's PersistentVolumeClaim. The class is fixed at creation (a member's volume cannot move to another
 * class in place); the size may grow (where the class allows expansion), never shrink.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.storageClassName) == has(oldSelf.storageClassName) "
        + "&& (!has(self.storageClassName) || self.storageClassName == oldSelf.storageClassName)",
        message = "storage.storageClassName is immutable", fieldPath = ".storageClassName")
@ValidationRule(value = "quantity(self.size).compareTo(quantity(oldSelf.size)) >= 0",
        message = "storage.size may grow but never shrink", fieldPath = ".size")
public class StorageSpec {

    @Default("8Gi")
    @Size(max = 64)
    @Pattern(Quantities.PATTERN)
    @JsonPropertyDescription("The size of each member's volume, a Kubernetes quantity such as 8Gi. It must hold "
            + "quotaBackendBytes plus the Raft log and a snapshot. May grow, never shrink.")
    private String size = "8Gi";

    @Size(min = 1, max = 253)
    @JsonPropertyDescription("The StorageClass of the volumes; absent: the cluster's default class. Immutable.")
    private String storageClassName;

    @Default("{}")
    @JsonPropertyDescription("What becomes of a member's volume when its member or the whole cluster goes. Volumes "
            + "are never deleted by cascade (they carry no owner reference); the operator deletes them only where "
            + "this says Delete.")
    private VolumeRetentionPolicy retentionPolicy = new VolumeRetentionPolicy();

    public String getSize() { return size; }
    public void setSize(String size) { this.size = size; }
    public String getStorageClassName() { return storageClassName; }
    public void setStorageClassName(String storageClassName) { this.storageClassName = storageClassName; }
    public VolumeRetentionPolicy getRetentionPolicy() { return retentionPolicy; }
    public void setRetentionPolicy(VolumeRetentionPolicy retentionPolicy) { this.retentionPolicy = retentionPolicy; }
}
