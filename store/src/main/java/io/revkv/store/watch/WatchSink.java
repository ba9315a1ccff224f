package io.revkv.store.watch;

import io.revkv.proto.etcdserverpb.WatchResponse;

/**
 * Where a stream's responses go: the client's gRPC call. Called from one thread at a time. Headers arrive with
 * only {@code revision} set (0 on a compaction cancel); the sink adds the member fields.
 */
public interface WatchSink {

    /** Whether the transport takes a response now without buffering it; when it turns true again, the owner calls
     * {@link WatchStream#onReady()}. */
    boolean isReady();

    void send(WatchResponse response);
}
