/**
 * The cluster's membership as replicated state (etcd's {@code membership} package): the members with their IDs, peer
 * and client URLs, names and learner flags, kept in the {@code members} bucket and changed only by applied requests;
 * the rules a change must pass (etcd's {@code ValidateConfigurationChange}); member and cluster IDs computed as etcd
 * computes them; and this member's identity and how it is found at bootstrap ({@code --initial-cluster-state}).
 *
 * <p>The Raft configuration follows the membership: the {@code raft} package brings Ratis' peers and listeners in
 * line with it on the leader, one change at a time.
 */
package io.revkv.store.membership;
