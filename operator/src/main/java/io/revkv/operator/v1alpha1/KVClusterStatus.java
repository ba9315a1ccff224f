package io.revkv.operator.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.model.annotation.LabelSelector;
import io.fabric8.kubernetes.model.annotation.StatusReplicas;
import java.util.ArrayList;
import java.util.List;

/**
 * What the members report, gathered by the status aggregator: the cluster at a glance, then member by member.
 * Written by the operator only; patched only when something in it changed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KVClusterStatus {

    @JsonPropertyDescription("Where the cluster is in its life: Pending, Bootstrapping, Running, Reconfiguring, "
            + "Degraded or Paused. The conditions say why.")
    private Phase phase;

    @JsonPropertyDescription("The metadata.generation of the spec this status was computed for.")
    private Long observedGeneration;

    @StatusReplicas
    @JsonPropertyDescription("Members that are voting, healthy and ready.")
    private Integer readyReplicas;

    @LabelSelector
    @JsonPropertyDescription("The label selector of the member Pods, for the /scale subresource.")
    private String selector;

    @JsonPropertyDescription("The cluster ID (hex, as etcdctl prints it), latched when the seed member formed the "
            + "cluster; a member reporting another ID is not part of this cluster.")
    private String clusterID;

    @JsonPropertyDescription("The name of the member that leads, if any.")
    private String leader;

    @JsonPropertyDescription("The cluster's revision, as the leader reports it.")
    private Long revision;

    @JsonPropertyDescription("The revision up to which history is compacted, as the leader's HashKV reports "
            + "it (asked every few minutes); 0 before any compaction.")
    private Long compactRevision;

    @JsonPropertyDescription("The leader's database file size as a quantity (e.g. 24Mi), for the printer column; "
            + "members[].dbSize has every member's in bytes.")
    private String dbSize;

    @JsonPropertyDescription("Every member the cluster has or the spec asks for, by name.")
    private List<MemberStatus> members = new ArrayList<>();

    @JsonPropertyDescription("Each member's last defragmentation, by name: when, why, and its database size "
            + "before and after.")
    private List<DefragRecord> lastDefrag = new ArrayList<>();

    @JsonPropertyDescription("Available (a quorum serves), Progressing (the operator is changing the cluster) and "
            + "Degraded (a member is unhealthy, missing or alarmed), each with a reason and the time it last "
            + "changed.")
    private List<Condition> conditions = new ArrayList<>();

    public Phase getPhase() { return phase; }
    public void setPhase(Phase phase) { this.phase = phase; }
    public Long getObservedGeneration() { return observedGeneration; }
    public void setObservedGeneration(Long observedGeneration) { this.observedGeneration = observedGeneration; }
    public Integer getReadyReplicas() { return readyReplicas; }
    public void setReadyReplicas(Integer readyReplicas) { this.readyReplicas = readyReplicas; }
    public String getSelector() { return selector; }
    public void setSelector(String selector) { this.selector = selector; }
    public String getClusterID() { return clusterID; }
    public void setClusterID(String clusterID) { this.clusterID = clusterID; }
    public String getLeader() { return leader; }
    public void setLeader(String leader) { this.leader = leader; }
    public Long getRevision() { return revision; }
    public void setRevision(Long revision) { this.revision = revision; }
    public Long getCompactRevision() { return compactRevision; }
    public void setCompactRevision(Long compactRevision) { this.compactRevision = compactRevision; }
    public String getDbSize() { return dbSize; }
    public void setDbSize(String dbSize) { this.dbSize = dbSize; }
    public List<MemberStatus> getMembers() { return members; }
    public void setMembers(List<MemberStatus> members) { this.members = members; }
    public List<DefragRecord> getLastDefrag() { return lastDefrag; }
    public void setLastDefrag(List<DefragRecord> lastDefrag) { this.lastDefrag = lastDefrag; }
    public List<Condition> getConditions() { return conditions; }
    public void setConditions(List<Condition> conditions) { this.conditions = conditions; }
}
