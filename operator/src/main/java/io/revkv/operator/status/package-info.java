/**
 * The status aggregator: what the members report, and what the planner decided, turned into the KVCluster's
 * status (phase, conditions, the cluster's and each member's numbers), with condition transition times kept
 * stable and a verdict on whether anything changed, so the status is patched only when it did.
 */
package io.revkv.operator.status;
