package io.revkv.operator.plan;

/**
 * A member's Pod as Kubernetes shows it.
 *
 * @param member      the member (and Pod) name
 * @param ready       the readiness probe (/readyz) passes
 * @param terminating it has a deletion timestamp
 * @param startsNewCluster its process starts with {@code --initial-cluster-state new} (the seed's first Pod): with an
 *                    emptied data directory it would bootstrap a cluster of its own, under the same IDs
 */
public record PodState(String member, boolean ready, boolean terminating, boolean startsNewCluster) {

    public PodState(String member, boolean ready, boolean terminating) {
        this(member, ready, terminating, false);
    }
}
