package io.revkv.operator.plan;

/**
 * A cluster named kv whose member kv-N has the member ID 0x100 + N and runs in cluster 0xC1; short builders for
 * the planner's scenario tables.
 */
final class Fixtures {

    static final long CLUSTER = 0xC1L;

    private Fixtures() {
    }

    static Desired replicas(int replicas) {
        return new Desired("kv", replicas, false, false);
    }

    static String name(int ordinal) {
        return "kv-" + ordinal;
    }

    static long id(int ordinal) {
        return 0x100L + ordinal;
    }

    static RaftMember voter(int ordinal) {
        return RaftMember.voter(id(ordinal), name(ordinal));
    }

    static RaftMember learner(int ordinal) {
        return RaftMember.learner(id(ordinal), name(ordinal), true);
    }

    static RaftMember unstartedLearner(int ordinal) {
        return RaftMember.learner(id(ordinal), name(ordinal), false);
    }

    static PodState ready(int ordinal) {
        return new PodState(name(ordinal), true, false);
    }

    /** The seed's first Pod, ready, with --initial-cluster-state new. */
    static PodState seedStartingNew(int ordinal) {
        return new PodState(name(ordinal), true, false, true);
    }

    static PodState notReady(int ordinal) {
        return new PodState(name(ordinal), false, false);
    }

    static PodState terminating(int ordinal) {
        return new PodState(name(ordinal), false, true);
    }

    static VolumeState volume(int ordinal) {
        return VolumeState.of(name(ordinal), id(ordinal));
    }

    static VolumeState unformed(int ordinal) {
        return VolumeState.unformed(name(ordinal));
    }

    /** A healthy member reporting leaderOrdinal as its leader, at the given Raft index. */
    static MemberReport follows(int ordinal, int leaderOrdinal, long raftIndex) {
        return new MemberReport(name(ordinal), id(ordinal), CLUSTER, id(leaderOrdinal), raftIndex, true);
    }

    static MemberReport leads(int ordinal, long raftIndex) {
        return follows(ordinal, ordinal, raftIndex);
    }

    static MemberReport unhealthy(int ordinal, int leaderOrdinal, long raftIndex) {
        return new MemberReport(name(ordinal), id(ordinal), CLUSTER, id(leaderOrdinal), raftIndex, false);
    }

    /** The Pod hash of the spec before and after the edit that starts a rolling update. */
    static final String OLD = "old0";
    static final String NEW = "new1";

    /** A ready Pod built from the old spec, at version 0.1.0. */
    static PodState outdated(int ordinal) {
        return new PodState(name(ordinal), true, false, OLD, "0.1.0");
    }

    static PodState outdatedNotReady(int ordinal) {
        return new PodState(name(ordinal), false, false, OLD, "0.1.0");
    }

    /** A ready Pod built from the new spec. */
    static PodState current(int ordinal) {
        return new PodState(name(ordinal), true, false, NEW, "0.1.1");
    }

    static PodState currentNotReady(int ordinal) {
        return new PodState(name(ordinal), false, false, NEW, "0.1.1");
    }

    /**
     * Three healthy voters at Raft index 100, kv-0 leading, every Pod outdated: the spec was just edited (0.1.0 to
     * 0.1.1, hash OLD to NEW).
     */
    static Observation threeOutdated() {
        return threeHealthy().withDesired(replicas(3).withPod(NEW, "0.1.1"))
                .withPods(outdated(0), outdated(1), outdated(2));
    }

    /** Three healthy voters, kv-0 leading, every Pod ready and every volume formed. */
    static Observation threeHealthy() {
        return Observation.empty(replicas(3)).withClusterId(CLUSTER)
                .withMembership(voter(0), voter(1), voter(2))
                .withPods(ready(0), ready(1), ready(2))
                .withVolumes(volume(0), volume(1), volume(2))
                .withReports(leads(0, 100), follows(1, 0, 100), follows(2, 0, 100));
    }
}
