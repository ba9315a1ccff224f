package io.revkv.operator.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

/**
 * Defragmentation, one member at a time, followers first and the leader after leadership moved. A member is
 * defragmented when its fragmentation passes both minFragmentationRatio and minReclaimBytes (once the schedule
 * fired, if there is one; at any time otherwise), or at any time when its database passes quotaUsageAbove of the
 * quota (before NOSPACE stops writes). Performed by the planner (io.revkv.operator.plan.Defrag, DefragPolicy), each
 * member's last one in status.lastDefrag.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DefragSpec {

    @Size(min = 1, max = 128)
    @Pattern(CRON)
    @JsonPropertyDescription("When to consider defragmenting, as a cron expression in UTC: five fields (minute hour "
            + "day-of-month month day-of-week, e.g. \"0 3 * * 0\" for Sundays at 03:00) or a macro such as @daily.")
    private String schedule;

    /** Five cron fields of digits, names, * , - / ?, or one of cron's macros. */
    static final String CRON = "^(@(yearly|annually|monthly|weekly|daily|midnight|hourly)"
            + "|([0-9A-Za-z*?,/-]+[ \\t]+){4}[0-9A-Za-z*?,/-]+)$";

    @Default("0.5")
    @Min(0)
    @Max(1)
    @JsonPropertyDescription("The least share of the database file that is free space (1 - dbSizeInUse/dbSize) "
            + "for a member to be defragmented, from 0 to 1: once the schedule fired, or at any time without one.")
    private Double minFragmentationRatio = 0.5;

    @Default("100Mi")
    @Size(max = 64)
    @Pattern(Quantities.PATTERN)
    @JsonPropertyDescription("The least free space (dbSize - dbSizeInUse, a quantity such as 100Mi) for a member to "
            + "be defragmented: once the schedule fired, or at any time without one.")
    private String minReclaimBytes = "100Mi";

    @Min(0)
    @Max(1)
    @JsonPropertyDescription("Defragment a member, schedule or not, once its database passes this share of "
            + "quotaBackendBytes (e.g. 0.8), before the NOSPACE alarm stops writes. Absent: only by fragmentation.")
    private Double quotaUsageAbove;

    @Default("5m")
    @Size(max = 32)
    @Pattern("^(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+$")
    @JsonPropertyDescription("How long one member's defragmentation may take before the operator gives up on it "
            + "and reports it, a Go duration such as 5m.")
    private String timeout = "5m";

    public String getSchedule() { return schedule; }
    public void setSchedule(String schedule) { this.schedule = schedule; }
    public Double getMinFragmentationRatio() { return minFragmentationRatio; }
    public void setMinFragmentationRatio(Double minFragmentationRatio) { this.minFragmentationRatio = minFragmentationRatio; }
    public String getMinReclaimBytes() { return minReclaimBytes; }
    public void setMinReclaimBytes(String minReclaimBytes) { this.minReclaimBytes = minReclaimBytes; }
    public Double getQuotaUsageAbove() { return quotaUsageAbove; }
    public void setQuotaUsageAbove(Double quotaUsageAbove) { this.quotaUsageAbove = quotaUsageAbove; }
    public String getTimeout() { return timeout; }
    public void setTimeout(String timeout) { this.timeout = timeout; }
}
