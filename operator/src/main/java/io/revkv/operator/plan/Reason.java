package io.revkv.operator.plan;

/**
 * Why the planner chose its action: the reason of the Kubernetes Event the executor records (PascalCase, as
 * Kubernetes' own reasons) and of the Progressing condition while it waits.
 */
public enum Reason {
    /** No member exists: the seed starts a new cluster. */
    Bootstrap,
    /** The seed reports the cluster ID it formed; it is latched for good. */
    ClusterFormed,
    /** Fewer members than spec.replicas: one more joins as a learner. */
    ScaleUp,
    /** A learner was added to the group; its Pod starts with --initial-cluster-state existing. */
    MemberJoining,
    /** A learner's Raft index reached 90% of the leader's. */
    LearnerCaughtUp,
    /** A member's Pod is gone; it comes back with the same name and volume. */
    PodMissing,
    /** A started member's volume is gone or belongs to another member: its data is lost; it leaves and rejoins. */
    DataLoss,
    /** More members than spec.replicas. */
    ScaleDown,
    /** The member to remove leads; leadership moves first. */
    LeaderLeaving,
    /**
     * The cluster formed, and the seed's Pod still starts a new cluster when its data directory is empty: it is
     * replaced by one that starts as an existing member, so that data loss can never bootstrap a second cluster.
     */
    SeedRetired,
    /** A Pod or volume of a member that is no longer in the group. */
    NotAMember,
    /** The seed's Pod has not reported a cluster ID yet. */
    SeedStarting,
    /** A member added as a learner has not started yet, or a started learner is catching up. */
    LearnerCatchingUp,
    /** No member answered: nothing can be decided about the group. */
    NoMemberAnswers,
    /** The group has no leader: membership cannot change. */
    NoLeader,
    /** A member is not healthy: changes wait so that a quorum stays. */
    MemberUnhealthy,
    /** The change would leave fewer healthy voters than a quorum. */
    QuorumAtRisk,
    /**
     * Fewer voters are healthy than a quorum: the group cannot commit, so no membership change, restart, roll step or
     * defragmentation is tried (each would need the quorum, or take one more voter away); only a deleted member Pod
     * is made again. Recovery is manual (README: lost quorum).
     */
    QuorumLost,
    /** A member reports another cluster ID than the latched one. */
    ForeignMember,
    /** Volumes of a formed cluster exist but no cluster ID is latched: no bootstrap over retained data. */
    RetainedVolumes,
    /** A volume is being deleted under its member. */
    VolumeTerminating,
    /** A Pod is being deleted; its replacement waits for it to go. */
    PodTerminating,
    /** A member's Pod was built from an older spec: it is restarted with the current one, on its volume. */
    MemberOutdated,
    /** Every other member runs the current spec: leadership moves off the outdated leader, which goes last. */
    LeaderLast,
    /** A rolling update waits for the member restarted last (or another) to serve again before the next goes. */
    RollingUpdate,
    /** spec.version is more than a patch or one minor step away from what a member runs: nothing is rolled. */
    UnsupportedUpgrade,
    /** spec.defrag.schedule fired since the member's last defragmentation, and its free space passes the thresholds. */
    DefragScheduled,
    /**
     * The member's database file passes spec.defrag.quotaUsageAbove of the quota, or, with no schedule, its free
     * space passes minFragmentationRatio and minReclaimBytes.
     */
    DefragThreshold,
    /** The leader is due for defragmentation: leadership moves to a caught-up follower first. */
    DefragLeaderLast,
    /** A member is due for defragmentation, but the cluster is not healthy and settled enough to lose it a while. */
    DefragDeferred,
    /** spec.defrag.schedule passed the schema but is not Unix cron: it never fires (thresholds still apply). */
    InvalidDefragSchedule,
    /**
     * A member raised NOSPACE: writes fail until space is reclaimed. Also the reason of the compaction at the
     * current revision that starts reclaiming (when spec.compaction.retention is not "0").
     */
    QuotaExceeded,
    /** After NOSPACE, a member is defragmented (followers first, the leader after moving leadership away). */
    DefragQuota,
    /**
     * After NOSPACE, every member was compacted and defragmented and a database is still at or past the quota:
     * the data itself does not fit. The alarm stays; raise spec.quotaBackendBytes or delete keys.
     */
    QuotaStillExceeded,
    /** Every member is back under the quota (or the alarmed member left the group): the alarm is disarmed. */
    AlarmDisarmed,
    /** A member raised CORRUPT (its data differs from the others'): it leaves and is replaced with fresh data. */
    CorruptData,
    /**
     * A started learner has not caught up with the leader (or a learner's Pod has not started it) within
     * {@link StuckSteps#DEADLINE} of its Pod's creation: reported (Progressing=False, Degraded=True, a Warning
     * Event) and waited on; never removed and re-added on its own, which would only start the same catch-up again.
     */
    LearnerStuck,
    /**
     * A member's Pod has not been ready for {@link StuckSteps#DEADLINE} while the planner waits for it (a restarted
     * or started member, a seed, a member the roll or a defragmentation waits for): reported and waited on.
     */
    MemberNotReady,
    /** A member's last defragmentation failed or timed out: it is not tried again before {@link Defrag#BACKOFF}. */
    DefragBackoff,
    /** spec.paused. */
    Paused,
    /** The cluster is as the spec asks. */
    InSync
}
