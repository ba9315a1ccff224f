package io.revkv.store.watch;

import com.google.protobuf.ByteString;
import io.revkv.proto.mvccpb.Event;
import io.revkv.store.mvcc.RangeOptions;
import io.revkv.store.mvcc.RangeResult;
import io.revkv.store.mvcc.WriteTxn;
import java.util.List;

/** A write txn that, once committed, publishes its changes to the watchers (etcd's {@code watchableStoreTxnWrite}). */
final class NotifyingWriteTxn implements WriteTxn {
    private final WriteTxn txn;
    private final WatcherGroups groups;
    private boolean ended;

    NotifyingWriteTxn(WriteTxn txn, WatcherGroups groups) {
        this.txn = txn;
        this.groups = groups;
    }

    @Override
    public long currentRevision() {
        return txn.currentRevision();
    }

    @Override
    public long compactRevision() {
        return txn.compactRevision();
    }

    @Override
    public RangeResult range(ByteString key, ByteString end, RangeOptions options) {
        return txn.range(key, end, options);
    }

    @Override
    public long put(ByteString key, ByteString value, long lease) {
        return txn.put(key, value, lease);
    }

    @Override
    public void putLease(byte[] key, byte[] value) {
        txn.putLease(key, value);
    }

    @Override
    public void deleteLease(byte[] key) {
        txn.deleteLease(key);
    }

    @Override
    public long deleteRange(ByteString key, ByteString end) {
        return txn.deleteRange(key, end);
    }

    @Override
    public List<Event> changes() {
        return txn.changes();
    }

    /** Notifies only after the commit: a watcher never sees a change a crash could still lose. */
    @Override
    public void end() {
        if (ended) {
            return;
        }
        ended = true;
        List<Event> changes = txn.changes();
        long revision = txn.currentRevision() + 1;
        txn.end();
        if (!changes.isEmpty()) {
            groups.notify(changes, revision);
        }
    }
}
