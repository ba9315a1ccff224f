package io.revkv.operator.plan;

/**
 * A member's Pod as Kubernetes shows it.
 *
 * @param member      the member (and Pod) name
 * @param ready       the readiness probe (/readyz) passes
 * @param terminating it has a deletion timestamp
 */
public record PodState(String member, boolean ready, boolean terminating) {
}
