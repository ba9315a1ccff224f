package io.revkv.store.raft;

import java.nio.file.Path;

/**
 * What the state machine needs of the store to send and receive snapshots that move: a checkpoint of the store as it
 * is, and the installation of a checkpoint received from the leader in its place.
 */
public interface CheckpointStore {

    /**
     * Writes an openable copy of the whole store into {@code dir}, which does not exist yet. Called on the applying
     * thread between two entries, so the copy holds exactly the entries applied so far.
     */
    void checkpoint(Path dir);

    /**
     * Replaces the store by the checkpoint in {@code dir} (verified by Ratis, file by file, against the leader's MD5
     * digests) while the member keeps running: the backend, the index, leases, alarms and the membership are reopened
     * on it and watchers catch up. Called on the applying thread while Ratis has paused the machine; {@code dir} is
     * left in place (it becomes this member's own latest snapshot).
     */
    void install(Path dir);
}
