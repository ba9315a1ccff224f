package io.revkv.store.watch;

import io.revkv.proto.etcdserverpb.ResponseHeader;
import io.revkv.proto.etcdserverpb.WatchResponse;
import io.revkv.proto.mvccpb.Event;
import java.util.List;

/** The WatchResponses the store sends (contract §8.1, §4.5); headers carry only the revision. */
final class Responses {
    /** etcd's {@code clientv3.InvalidWatchID}: the id of a refused create and of a stream-wide progress. */
    static final long INVALID_ID = -1;

    private Responses() {
    }

    static WatchResponse created(long id, long revision) {
        return WatchResponse.newBuilder().setHeader(header(revision)).setWatchId(id).setCreated(true).build();
    }

    static WatchResponse refused(CancelReason reason, long revision) {
        return WatchResponse.newBuilder().setHeader(header(revision)).setWatchId(INVALID_ID).setCreated(true)
                .setCanceled(true).setCancelReason(reason.message()).build();
    }

    static WatchResponse canceled(long id, long revision) {
        return WatchResponse.newBuilder().setHeader(header(revision)).setWatchId(id).setCanceled(true).build();
    }

    /** etcd sends this with header.revision 0 and no cancel_reason [L]. */
    static WatchResponse compacted(long id, long compactRevision) {
        return WatchResponse.newBuilder().setHeader(header(0)).setWatchId(id).setCanceled(true)
                .setCompactRevision(compactRevision).build();
    }

    static WatchResponse progress(long id, long revision) {
        return WatchResponse.newBuilder().setHeader(header(revision)).setWatchId(id).build();
    }

    static WatchResponse events(long id, long revision, List<Event> events) {
        return WatchResponse.newBuilder().setHeader(header(revision)).setWatchId(id).addAllEvents(events).build();
    }

    private static ResponseHeader header(long revision) {
        return ResponseHeader.newBuilder().setRevision(revision).build();
    }
}
