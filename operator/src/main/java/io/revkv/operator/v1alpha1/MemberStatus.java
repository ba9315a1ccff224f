package io.revkv.operator.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** One member as it reports itself (Status, MemberList, alarms); fields it could not report are absent. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MemberStatus {

    /** A member's part in the Raft group. */
    public enum Role { Leader, Follower, Learner }

    @JsonPropertyDescription("The member's name, also its Pod's and volume's: <cluster>-<ordinal>.")
    private String name;

    @JsonPropertyDescription("The member ID (hex, as etcdctl prints it).")
    private String id;

    @JsonPropertyDescription("Leader, Follower (a voter) or Learner (joining, not yet voting).")
    private Role role;

    @JsonPropertyDescription("Whether the member answered its Status and reports no error.")
    private Boolean healthy;

    @JsonPropertyDescription("The member's revision.")
    private Long revision;

    @JsonPropertyDescription("The Raft index the member has applied up to; a learner is promoted once it is close "
            + "to the leader's.")
    private Long raftIndex;

    @JsonPropertyDescription("The member's database file size in bytes.")
    private Long dbSize;

    @JsonPropertyDescription("The bytes of the database file in use; dbSize minus this is what defragmentation "
            + "can reclaim.")
    private Long dbSizeInUse;

    @JsonPropertyDescription("Alarms raised on the member: NOSPACE or CORRUPT.")
    private List<String> alarms = new ArrayList<>();

    @JsonPropertyDescription("The server version the member reports.")
    private String version;

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public Role getRole() { return role; }
    public void setRole(Role role) { this.role = role; }
    public Boolean getHealthy() { return healthy; }
    public void setHealthy(Boolean healthy) { this.healthy = healthy; }
    public Long getRevision() { return revision; }
    public void setRevision(Long revision) { this.revision = revision; }
    public Long getRaftIndex() { return raftIndex; }
    public void setRaftIndex(Long raftIndex) { this.raftIndex = raftIndex; }
    public Long getDbSize() { return dbSize; }
    public void setDbSize(Long dbSize) { this.dbSize = dbSize; }
    public Long getDbSizeInUse() { return dbSizeInUse; }
    public void setDbSizeInUse(Long dbSizeInUse) { this.dbSizeInUse = dbSizeInUse; }
    public List<String> getAlarms() { return alarms; }
    public void setAlarms(List<String> alarms) { this.alarms = alarms; }
    public String getVersion() { return version; }
    public void setVersion(String version) { this.version = version; }
}
