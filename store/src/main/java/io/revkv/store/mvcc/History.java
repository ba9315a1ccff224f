package io.revkv.store.mvcc;

import io.revkv.proto.mvccpb.Event;
import java.util.List;

/**
 * A stretch of the store's history read from disk, for watchers that catch up.
 *
 * @param events       the changes in (main, sub) order; a DELETE event's kv holds only key and mod_revision, as in
 *                     {@link WriteTxn#changes()}
 * @param lastRevision every change with main revision {@code <= lastRevision} in the asked-for stretch is in
 *                     {@code events}: the end of the stretch, or the last revision read when the read was cut short
 */
public record History(List<Event> events, long lastRevision) {
}
