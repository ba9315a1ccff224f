package io.revkv.store.mvcc;

import java.nio.ByteBuffer;

/**
 * Where this member's last Raft snapshot stands: the term and index of the last log entry applied before it. The
 * backend was flushed with the mark, so it durably holds the effects of that entry and of every one before it.
 *
 * <p>{@code index} is a Raft log index, not an applied position of the store: compare it with Raft indexes only.
 */
public record SnapshotMark(long term, long index) {

    byte[] encode() {
        return ByteBuffer.allocate(2 * Long.BYTES).putLong(term).putLong(index).array();
    }

    static SnapshotMark decode(byte[] value) {
        ByteBuffer buffer = ByteBuffer.wrap(value);
        return new SnapshotMark(buffer.getLong(), buffer.getLong());
    }
}
