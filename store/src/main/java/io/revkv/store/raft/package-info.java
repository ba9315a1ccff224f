/**
 * Replication with Apache Ratis: the Raft group of the members, the state machine adapter that hands committed
 * entries to the applier, proposals, and the read index that makes reads linearizable. A single-member store is a
 * group of one, so every state change takes the same path whatever the cluster size.
 */
package io.revkv.store.raft;
