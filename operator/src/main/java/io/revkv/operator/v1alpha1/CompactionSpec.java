package io.revkv.operator.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * etcd's auto-compaction. The retention is parsed as etcd parses {@code --auto-compaction-retention} for the mode:
 * <ul>
 *   <li>Periodic: a bare non-negative integer is hours ({@code "1"} = one hour), anything else a Go duration
 *       ({@code "90m"}, {@code "1h30m"}, {@code "0.5h"}); negative durations are refused;</li>
 *   <li>Revision: a non-negative integer, the revisions to keep (etcd would also take a Go duration here and read
 *       its nanoseconds as a revision count, a trap the schema closes).</li>
 * </ul>
 * {@code "0"} turns compaction off in either mode.
 */
@ValidationRule(value = "self.mode == 'Revision' ? self.retention.matches('" + CompactionSpec.INTEGER + "') "
        + ": self.retention.matches('" + CompactionSpec.INTEGER + "') || self.retention.matches('" + CompactionSpec.GO_DURATION + "')",
        messageExpression = "self.mode == 'Revision' ? 'compaction.retention must be a non-negative integer (revisions to keep) in Revision mode, not ' + self.retention "
                + ": 'compaction.retention must be a bare number of hours or a Go duration such as 1h30m in Periodic mode, not ' + self.retention",
        message = "compaction.retention does not parse for compaction.mode",
        fieldPath = ".retention")
public class CompactionSpec {

    /** Digits only: what Go's strconv.Atoi takes without a sign. */
    static final String INTEGER = "^[0-9]+$";
    /** Go's time.ParseDuration without a minus sign: 0, or numbers each with a unit. */
    static final String GO_DURATION = "^[+]?(0|(([0-9]+(\\\\.[0-9]*)?|\\\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+)$";

    public enum Mode { Periodic, Revision }

    @Default("Periodic")
    @JsonPropertyDescription("Periodic keeps the revisions of the last retention period; Revision keeps the last "
            + "retention revisions.")
    private Mode mode = Mode.Periodic;

    @Default("1h")
    @Size(min = 1, max = 32)
    @JsonPropertyDescription("How much history to keep, as etcd reads --auto-compaction-retention: in Periodic mode "
            + "a Go duration (1h, 30m) or a bare number of hours; in Revision mode a number of revisions. 0 turns "
            + "compaction off.")
    private String retention = "1h";

    public Mode getMode() { return mode; }
    public void setMode(Mode mode) { this.mode = mode; }
    public String getRetention() { return retention; }
    public void setRetention(String retention) { this.retention = retention; }
}
