package io.revkv.operator.plan;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * spec.defrag, as the planner applies it. A member is due when
 * <ul>
 *   <li>the schedule fired since its last defragmentation (or, never defragmented, since {@code since}) and its
 *       free space passes both {@code minFragmentationRatio} (1 - dbSizeInUse/dbSize) and {@code minReclaimBytes}
 *       (dbSize - dbSizeInUse): {@link Reason#DefragScheduled}; or</li>
 *   <li>schedule or not, its database file passes {@code quotaUsageAbove} of the quota (dbSize/quota) while what
 *       is in use does not (so defragmenting brings it back under): {@link Reason#DefragThreshold}, before the
 *       NOSPACE alarm stops writes; or</li>
 *   <li>with no schedule, its free space passes both {@code minFragmentationRatio} and {@code minReclaimBytes}, at
 *       any time: {@link Reason#DefragThreshold}. A defragmentation brings what is in use back to about the file's
 *       size, so a member is not taken again until as much space was freed again.</li>
 * </ul>
 * A member below the fragmentation thresholds when the schedule fires stays due until it passes them: the
 * schedule sets the earliest time a member is considered, and its last defragmentation the start of the next
 * period. Nothing here remembers a skipped firing, so the observation alone decides.
 *
 * @param schedule              spec.defrag.schedule, absent for threshold-only defragmentation
 * @param minFragmentationRatio the least share of the file that is free, for a scheduled defragmentation
 * @param minReclaimBytes       the least free bytes, for a scheduled defragmentation
 * @param quotaUsageAbove       the share of the quota past which a member is defragmented at once; absent: never
 * @param quotaBytes            the backend quota (spec.quotaBackendBytes, or the store's default)
 * @param since                 when the schedule starts to count for a member never defragmented (the
 *                              KVCluster's creation)
 */
public record DefragPolicy(Optional<DefragSchedule> schedule, double minFragmentationRatio, long minReclaimBytes,
                           OptionalDouble quotaUsageAbove, long quotaBytes, Instant since) {

    /** The reason a member with this report, last defragmented at {@code last}, is due now; empty: not due. */
    Optional<Reason> due(MemberReport report, Optional<Instant> last, Instant now) {
        if (overQuotaShare(report) || schedule.isEmpty() && fragmented(report)) {
            return Optional.of(Reason.DefragThreshold);
        }
        boolean fired = schedule.map(s -> s.firedBetween(last.orElse(since), now)).orElse(false);
        return fired && fragmented(report) ? Optional.of(Reason.DefragScheduled) : Optional.empty();
    }

    /**
     * Past the share of the quota, and defragmenting would bring it back under (what is in use is below the share):
     * otherwise only compaction can help, and defragmenting again and again would only stall the member.
     */
    private boolean overQuotaShare(MemberReport r) {
        if (quotaUsageAbove.isEmpty() || quotaBytes <= 0) {
            return false;
        }
        double share = quotaUsageAbove.getAsDouble();
        return (double) r.dbSize() / quotaBytes >= share && (double) r.dbSizeInUse() / quotaBytes < share;
    }

    /**
     * Free space passes both thresholds. What is in use is an estimate on revkv (the store's live records' share of
     * its files) and may exceed the file's size: free space is then none, not negative, so thresholds of 0 mean
     * every firing.
     */
    private boolean fragmented(MemberReport r) {
        long free = Math.max(0, r.dbSize() - r.dbSizeInUse());
        return r.dbSize() > 0 && (double) free / r.dbSize() >= minFragmentationRatio && free >= minReclaimBytes;
    }
}
