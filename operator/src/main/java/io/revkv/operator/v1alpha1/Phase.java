package io.revkv.operator.v1alpha1;

/** The one-word summary of {@link KVClusterStatus}; the conditions carry the detail. */
public enum Phase {
    /** Nothing runs yet: the seed member's Pod is not ready. */
    Pending,
    /** The seed formed the cluster; the other members are joining. */
    Bootstrapping,
    /** Every member the spec asks for is a healthy voter. */
    Running,
    /** The operator is adding, promoting, removing or rolling a member. */
    Reconfiguring,
    /** A member is unhealthy, missing or alarmed, or the cluster has no leader. */
    Degraded,
    /** spec.paused: the operator only reports. */
    Paused
}
