package io.revkv.operator.resources;

import java.util.List;

/**
 * How a member's process starts: a new cluster (only the seed, with itself as the initial cluster) or an existing
 * one (a joining learner, or a member restarting on its volume, with the members started so far and itself).
 * The store reads these only when its data directory is empty.
 */
public record MemberStart(boolean newCluster, List<String> initialCluster) {

    public MemberStart {
        initialCluster = List.copyOf(initialCluster);
    }

    public static MemberStart seed(String member) {
        return new MemberStart(true, List.of(member));
    }

    public static MemberStart join(List<String> initialCluster) {
        return new MemberStart(false, initialCluster);
    }
}
