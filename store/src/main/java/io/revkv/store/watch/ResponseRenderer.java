package io.revkv.store.watch;

import com.google.protobuf.ByteString;
import io.revkv.proto.etcdserverpb.WatchResponse;
import io.revkv.proto.mvccpb.Event;
import io.revkv.proto.mvccpb.KeyValue;
import io.revkv.store.errors.EtcdError;
import io.revkv.store.errors.EtcdException;
import io.revkv.store.mvcc.KvStore;
import io.revkv.store.mvcc.RangeOptions;
import io.revkv.store.mvcc.ReadTxn;
import java.util.List;

/**
 * Turns a queued response into what goes on the wire, at send time as etcd's watch server does: prev_kv for each
 * event that is not a creation (the key's record at mod_revision - 1, absent if that revision was compacted), then
 * fragments for watchers that asked for them.
 */
final class ResponseRenderer {
    private final KvStore store;
    private final int fragmentBytes;

    ResponseRenderer(KvStore store, int fragmentBytes) {
        this.store = store;
        this.fragmentBytes = fragmentBytes;
    }

    List<WatchResponse> render(Outbox.Outgoing outgoing) {
        WatchResponse response = outgoing.prevKv() ? withPrevKvs(outgoing.response()) : outgoing.response();
        return outgoing.fragment() ? Fragments.split(response, fragmentBytes) : List.of(response);
    }

    private WatchResponse withPrevKvs(WatchResponse response) {
        if (response.getEventsCount() == 0) {
            return response;
        }
        WatchResponse.Builder builder = response.toBuilder();
        try (ReadTxn txn = store.read()) {
            for (int i = 0; i < builder.getEventsCount(); i++) {
                Event event = builder.getEvents(i);
                KeyValue previous = isCreate(event) ? null : previous(txn, event.getKv());
                if (previous != null) {
                    builder.setEvents(i, event.toBuilder().setPrevKv(previous));
                }
            }
        }
        return builder.build();
    }

    private static boolean isCreate(Event event) {
        return event.getType() == Event.EventType.PUT
                && event.getKv().getCreateRevision() == event.getKv().getModRevision();
    }

    private static KeyValue previous(ReadTxn txn, KeyValue kv) {
        try {
            List<KeyValue> kvs = txn.range(kv.getKey(), ByteString.EMPTY,
                    new RangeOptions(1, kv.getModRevision() - 1, false)).kvs();
            return kvs.isEmpty() ? null : kvs.get(0);
        } catch (EtcdException e) {
            if (e.error() != EtcdError.COMPACTED) {
                throw e;
            }
            return null;
        }
    }
}
