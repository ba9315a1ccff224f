package io.revkv.operator.plan;

import java.util.List;

/**
 * The one thing a reconcile does. Each action names its member and its {@link Reason}; the executor performs it
 * idempotently (creating what is absent, never replacing what is there), records an Event and reschedules.
 */
public sealed interface Action {

    Reason reason();

    /** Create the seed's volume and Pod: {@code --initial-cluster-state new}, an initial cluster of itself alone. */
    record CreateSeed(String member) implements Action {
        public Reason reason() { return Reason.Bootstrap; }
    }

    /** Record the seed's cluster ID in the status, and its member ID on its volume (volume first). */
    record LatchClusterId(long clusterId, String member, long memberId) implements Action {
        public Reason reason() { return Reason.ClusterFormed; }
    }

    /** MemberAdd the member as a learner with its peer URL, before its Pod exists. */
    record AddLearner(String member) implements Action {
        public Reason reason() { return Reason.ScaleUp; }
    }

    /**
     * Create the volume (recording the member ID on it) and the Pod of a member already in the group:
     * {@code --initial-cluster-state existing}, the initial cluster being the started members and itself.
     */
    record StartMember(String member, long memberId, List<String> initialCluster) implements Action {
        public StartMember {
            initialCluster = List.copyOf(initialCluster);
        }

        public Reason reason() { return Reason.MemberJoining; }
    }

    /** MemberPromote the learner. */
    record PromoteLearner(String member, long memberId) implements Action {
        public Reason reason() { return Reason.LearnerCaughtUp; }
    }

    /** Create the Pod of a started member again, on its own volume, with the same name and flags. */
    record RecreatePod(String member, List<String> initialCluster) implements Action {
        public RecreatePod {
            initialCluster = List.copyOf(initialCluster);
        }

        public Reason reason() { return Reason.PodMissing; }
    }

    /** MemberRemove. */
    record RemoveMember(String member, long memberId, Reason reason) implements Action {
    }

    /**
     * Replace a member that lost its data (or keeps failing): delete its volume (Kubernetes keeps the claim,
     * Terminating, while the Pod uses it), MemberRemove it, delete its Pod. Once both are gone the name is free and
     * a new member joins under it as a learner, on a new volume, promoted when caught up.
     *
     * @param seen   what the operator observed, for the Warning Event
     * @param reason DataLoss, or CorruptData for a member that raised CORRUPT
     */
    record ReplaceMember(String member, long memberId, String seen, Reason reason) implements Action {
        public ReplaceMember(String member, long memberId, String seen) {
            this(member, memberId, seen, Reason.DataLoss);
        }
    }

    /** MoveLeader to the most caught-up healthy voter: before removing the leader, or restarting it last. */
    record MoveLeader(String from, long toMemberId, String to, Reason reason) implements Action {
        /** Leadership leaves a member about to be removed. */
        public MoveLeader(String from, long toMemberId, String to) {
            this(from, toMemberId, to, Reason.LeaderLeaving);
        }
    }

    /**
     * Delete the Pod of an outdated member so that it comes back (as a missing Pod) with the current spec, the same
     * name, member ID and volume.
     *
     * @param podHash the hash the new Pod will carry
     */
    record RestartMember(String member, String podHash, Reason reason) implements Action {
    }

    /**
     * Delete the seed's first Pod (started with --initial-cluster-state new) once the cluster formed; it comes back
     * as a member restarting on its volume (RecreatePod, --initial-cluster-state existing).
     */
    record RetireSeedPod(String member) implements Action {
        public Reason reason() { return Reason.SeedRetired; }
    }

    /** Delete the Pod of a member that is no longer in the group. */
    record DeletePod(String member) implements Action {
        public Reason reason() { return Reason.NotAMember; }
    }

    /** Delete the volume of a member removed by scaling down, as whenScaled: Delete asks. */
    record DeleteVolume(String member) implements Action {
        public Reason reason() { return Reason.NotAMember; }
    }

    /**
     * Defragment one member (Maintenance.Defragment on its own endpoint, bounded by spec.defrag.timeout) and record
     * its database size before and after in status.lastDefrag. The member does not serve while it rewrites its
     * file, so the planner asks this of a follower only; the leader's turn comes after leadership moved.
     */
    record Defragment(String member, long memberId, Reason reason) implements Action {
    }

    /**
     * Compact the key space at {@code revision} (the current one), through the leader: the first step of reclaiming
     * space after NOSPACE. Allowed while NOSPACE is raised.
     */
    record Compact(long revision, Reason reason) implements Action {
    }

    /** AlarmDisarm {@code type} (NOSPACE, CORRUPT) for each member ID, through the leader. */
    record DisarmAlarms(List<Long> memberIds, String type, Reason reason) implements Action {
        public DisarmAlarms {
            memberIds = List.copyOf(memberIds);
        }
    }

    /** Nothing to do until something changes; reconcile again later. */
    record Wait(Reason reason, String detail) implements Action {
    }

    /** The cluster is as the spec asks. */
    record Done() implements Action {
        public Reason reason() { return Reason.InSync; }
    }
}
