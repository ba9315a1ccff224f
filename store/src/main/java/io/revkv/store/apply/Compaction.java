package io.revkv.store.apply;

import io.revkv.proto.etcdserverpb.CompactionResponse;
import java.util.concurrent.CompletableFuture;

/**
 * The outcome of an applied compaction.
 *
 * @param response the reply, ready as soon as the compact revision is raised and durably scheduled
 * @param physical completes when the old records are gone from disk; a request with {@code physical=true} replies
 *                 only then (contract §4.1)
 */
public record Compaction(CompactionResponse response, CompletableFuture<Void> physical) {
}
