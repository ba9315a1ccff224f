package io.revkv.operator.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * One member's last defragmentation, as status.lastDefrag lists them. The planner reads the time back: a member
 * whose last defragmentation is after the schedule's last firing is not due again until the next. A failure since
 * (failedTime) holds the member back for a while, so that a defragmentation that keeps failing is not retried on
 * every reconcile.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DefragRecord {

    @JsonPropertyDescription("The member's name.")
    private String name;

    @JsonPropertyDescription("When its defragmentation finished (RFC 3339, UTC).")
    private String time;

    @JsonPropertyDescription("Why it was defragmented: DefragScheduled (the schedule fired and its free space "
            + "passed the thresholds), DefragThreshold (with no schedule, its free space passed the thresholds; or "
            + "its database passed quotaUsageAbove of the quota) or "
            + "DefragQuota (reclaiming space after NOSPACE).")
    private String reason;

    @JsonPropertyDescription("Its database file size in bytes before, as its last Status reported it.")
    private Long dbSizeBefore;

    @JsonPropertyDescription("Its database file size in bytes after, as its Status reported it right after.")
    private Long dbSizeAfter;

    @JsonPropertyDescription("The bytes of the file in use after.")
    private Long dbSizeInUseAfter;

    @JsonPropertyDescription("The cluster's compact revision when it ran, if the operator knew it (it asks while "
            + "NOSPACE is raised): defragmenting again at the same compact revision frees nothing more.")
    private Long compactRevision;

    @JsonPropertyDescription("When its last defragmentation failed or timed out (RFC 3339, UTC), if it failed "
            + "since its last success: it is not tried again for 10 minutes. Cleared by the next success.")
    private String failedTime;

    @JsonPropertyDescription("Why that defragmentation failed, as the member answered.")
    private String failure;

    public DefragRecord() {
    }

    public DefragRecord(String name, String time, String reason, Long dbSizeBefore, Long dbSizeAfter,
                        Long dbSizeInUseAfter) {
        this.name = name;
        this.time = time;
        this.reason = reason;
        this.dbSizeBefore = dbSizeBefore;
        this.dbSizeAfter = dbSizeAfter;
        this.dbSizeInUseAfter = dbSizeInUseAfter;
    }

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getTime() { return time; }
    public void setTime(String time) { this.time = time; }
    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
    public Long getDbSizeBefore() { return dbSizeBefore; }
    public void setDbSizeBefore(Long dbSizeBefore) { this.dbSizeBefore = dbSizeBefore; }
    public Long getDbSizeAfter() { return dbSizeAfter; }
    public void setDbSizeAfter(Long dbSizeAfter) { this.dbSizeAfter = dbSizeAfter; }
    public Long getCompactRevision() { return compactRevision; }
    public void setCompactRevision(Long compactRevision) { this.compactRevision = compactRevision; }

    public String getFailedTime() { return failedTime; }
    public void setFailedTime(String failedTime) { this.failedTime = failedTime; }
    public String getFailure() { return failure; }
    public void setFailure(String failure) { this.failure = failure; }

    /** A failed attempt: only the member, the time and why; merged into the member's last success. */
    public static DefragRecord failed(String name, String failedTime, String failure) {
        DefragRecord r = new DefragRecord();
        r.setName(name);
        r.setFailedTime(failedTime);
        r.setFailure(failure);
        return r;
    }

    public Long getDbSizeInUseAfter() { return dbSizeInUseAfter; }
    public void setDbSizeInUseAfter(Long dbSizeInUseAfter) { this.dbSizeInUseAfter = dbSizeInUseAfter; }
}
