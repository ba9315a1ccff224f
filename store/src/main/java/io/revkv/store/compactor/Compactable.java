package io.revkv.store.compactor;

import java.util.concurrent.CompletableFuture;

/**
 * What a compactor compacts (etcd's {@code Compactable}): in a member, a non-physical compaction proposed through
 * Raft, so every member compacts at the same revision.
 */
@FunctionalInterface
public interface Compactable {

    /** @return completes once the compaction is applied, or fails with the applier's typed exception */
    CompletableFuture<?> compact(long revision);
}
