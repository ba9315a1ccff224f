/**
 * From what the reconciler read (the KVCluster, its Pods and volumes from the informers, the members' answers
 * through the member client) to the planner's {@link io.revkv.operator.plan.Observation} and the status
 * aggregator's input. Pure: the reading is done elsewhere; members are named from their peer URLs, since a member
 * added but not started has no name of its own.
 */
package io.revkv.operator.observe;
