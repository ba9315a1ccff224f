package io.revkv.operator.plan;

/**
 * What the planner may do about a NOSPACE alarm.
 *
 * @param quotaBytes the backend quota (spec.quotaBackendBytes, or the store's default of 2 GiB): a member is back
 *                   under it when its database file is smaller
 * @param compact    compacting at the current revision is allowed: spec.compaction.retention is not "0". A user
 *                   who turned auto-compaction on has agreed to lose old revisions; the operator only brings the
 *                   next compaction forward. With retention "0" the history is the user's to keep, so the operator
 *                   only defragments (which frees nothing until the user deletes keys and compacts).
 */
public record QuotaPolicy(long quotaBytes, boolean compact) {

    /** The store's default quota, 2 GiB, with the default retention (1h, so compaction allowed). */
    public static final QuotaPolicy DEFAULT = new QuotaPolicy(2L * 1024 * 1024 * 1024, true);
}
