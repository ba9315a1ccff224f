package io.revkv.operator.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

/** StatefulSet's persistentVolumeClaimRetentionPolicy, for operator-owned member volumes. */
public class VolumeRetentionPolicy {

    /** Retain keeps the volume (and the member's data) for a person to reuse or delete; Delete removes it. */
    public enum Policy { Retain, Delete }

    @Default("Retain")
    @JsonPropertyDescription("When the KVCluster is deleted: Retain (the default) keeps every member's volume, "
            + "Delete removes them after the Pods are gone.")
    private Policy whenDeleted = Policy.Retain;

    @Default("Retain")
    @JsonPropertyDescription("When a member is removed by scaling down: Retain (the default) keeps its volume, "
            + "Delete removes it once the member has left the cluster.")
    private Policy whenScaled = Policy.Retain;

    public Policy getWhenDeleted() { return whenDeleted; }
    public void setWhenDeleted(Policy whenDeleted) { this.whenDeleted = whenDeleted; }
    public Policy getWhenScaled() { return whenScaled; }
    public void setWhenScaled(Policy whenScaled) { this.whenScaled = whenScaled; }
}
