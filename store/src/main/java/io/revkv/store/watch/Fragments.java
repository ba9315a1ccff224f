package io.revkv.store.watch;

import com.google.protobuf.CodedOutputStream;
import io.revkv.proto.etcdserverpb.WatchResponse;
import io.revkv.proto.mvccpb.Event;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a large response for a watcher that asked for fragments (etcd's {@code sendFragments}): a response of at
 * least {@code limit} bytes with two events or more goes out in parts, each as large as possible while staying
 * under the limit (but holding at least one event); every part except the last has {@code fragment=true}.
 */
final class Fragments {
    private Fragments() {
    }

    static List<WatchResponse> split(WatchResponse response, int limit) {
        if (response.getSerializedSize() < limit || response.getEventsCount() < 2) {
            return List.of(response);
        }
        List<WatchResponse> parts = new ArrayList<>();
        WatchResponse empty = response.toBuilder().clearEvents().setFragment(true).build();
        List<Event> events = response.getEventsList();
        int next = 0;
        while (next < events.size()) {
            WatchResponse.Builder part = empty.toBuilder().addEvents(events.get(next));
            long size = empty.getSerializedSize() + encodedSize(events.get(next++));
            while (next < events.size() && size + encodedSize(events.get(next)) < limit) {
                size += encodedSize(events.get(next));
                part.addEvents(events.get(next++));
            }
            parts.add(part.setFragment(next < events.size()).build());
        }
        return parts;
    }

    /** What one more event adds to a response's size: repeated message fields simply concatenate. */
    private static int encodedSize(Event event) {
        return CodedOutputStream.computeMessageSize(WatchResponse.EVENTS_FIELD_NUMBER, event);
    }
}
