package io.revkv.store.raft;

/**
 * What this member knows of Raft right now (etcd's Status fields).
 *
 * @param leaderId     the leader's member ID, 0 when there is none
 * @param term         the current term
 * @param commitIndex  the highest log index known to be committed
 * @param appliedIndex the highest log index applied to the state machine
 */
public record RaftStatus(long leaderId, long term, long commitIndex, long appliedIndex) {
}
