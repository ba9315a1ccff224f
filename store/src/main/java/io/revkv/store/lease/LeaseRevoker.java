package io.revkv.store.lease;

import java.util.concurrent.CompletableFuture;

/**
 * How the expiry loop revokes an expired lease: by proposing a LeaseRevoke through Raft, so that every member
 * deletes the lease's keys at the same revision. Wired by the member; the lease package does not know Raft.
 */
@FunctionalInterface
public interface LeaseRevoker {

    /** Completes when the revoke was applied; a failure is retried by a later pass. */
    CompletableFuture<?> revoke(long id);
}
