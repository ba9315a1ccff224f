package io.revkv.store.mvcc;

import com.google.protobuf.InvalidProtocolBufferException;
import io.revkv.proto.mvccpb.KeyValue;

/** The records of the backend's {@code key} bucket, as the readers of that bucket (range, history, restore) see them. */
final class StoredRecords {

    private StoredRecords() {
    }

    /** The record stored under {@code revision}; a record that does not parse means the backend is corrupt. */
    static KeyValue parse(Revision revision, byte[] value) {
        try {
            return KeyValue.parseFrom(value);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("corrupt record at revision " + revision, e);
        }
    }

    /** The smallest key strictly greater than {@code key}: the key followed by a zero byte, to resume a scan after it. */
    static byte[] successor(byte[] key) {
        byte[] next = new byte[key.length + 1];
        System.arraycopy(key, 0, next, 0, key.length);
        return next;
    }
}
