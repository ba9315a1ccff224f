package io.revkv.operator.plan;

import java.util.Optional;

/**
 * A member's Pod as Kubernetes shows it.
 *
 * @param member      the member (and Pod) name
 * @param ready       the readiness probe (/readyz) passes
 * @param terminating it has a deletion timestamp
 * @param podHash     the hash of the spec the Pod was built from, as recorded on it ("" when it carries none)
 * @param version     the spec.version the Pod was built with, as recorded on it ("" when it carries none)
 * @param startsNewCluster its process starts with {@code --initial-cluster-state new} (the seed's first Pod): with an
 *                    emptied data directory it would bootstrap a cluster of its own, under the same IDs
 * @param restartCount how often kubelet restarted the member's container
 * @param lastTermination how the container's previous run ended, if it ended
 */
public record PodState(String member, boolean ready, boolean terminating, String podHash, String version,
                       boolean startsNewCluster, int restartCount, Optional<ContainerTermination> lastTermination) {

    public PodState {
        podHash = podHash == null ? "" : podHash;
        version = version == null ? "" : version;
        lastTermination = lastTermination == null ? Optional.empty() : lastTermination;
    }

    /** A Pod whose container never restarted. */
    public PodState(String member, boolean ready, boolean terminating, String podHash, String version,
                    boolean startsNewCluster) {
        this(member, ready, terminating, podHash, version, startsNewCluster, 0, Optional.empty());
    }

    /** The same Pod, its container restarted {@code count} times, the last run having ended as {@code last}. */
    public PodState withRestarts(int count, ContainerTermination last) {
        return new PodState(member, ready, terminating, podHash, version, startsNewCluster, count, Optional.of(last));
    }

    /** A Pod that records no hash and no version: current for a {@link Desired} that asks for none. */
    public PodState(String member, boolean ready, boolean terminating) {
        this(member, ready, terminating, "", "", false);
    }

    public PodState(String member, boolean ready, boolean terminating, String podHash, String version) {
        this(member, ready, terminating, podHash, version, false);
    }

    public PodState(String member, boolean ready, boolean terminating, boolean startsNewCluster) {
        this(member, ready, terminating, "", "", startsNewCluster);
    }
}
