package io.revkv.store.mvcc;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** The entries the MVCC store keeps in the {@code meta} bucket, with etcd's names and encodings. */
final class MetaKeys {
    /** The last applied Raft index, 8 bytes big-endian: written in the same batch as the data it produced. */
    static final byte[] CONSISTENT_INDEX = bytes("consistent_index");
    /** A compaction whose compact revision is raised; a 17-byte revision key, only main matters. */
    static final byte[] SCHEDULED_COMPACT_REV = bytes("scheduledCompactRev");
    /** The last compaction whose disk deletion is complete; same encoding. */
    static final byte[] FINISHED_COMPACT_REV = bytes("finishedCompactRev");
    /** The last Raft snapshot ({@link SnapshotMark}): term then index, 8 bytes big-endian each. revkv's own. */
    static final byte[] SNAPSHOT = bytes("raft_snapshot");

    private MetaKeys() {
    }

    static byte[] encodeIndex(long index) {
        return ByteBuffer.allocate(Long.BYTES).putLong(index).array();
    }

    /** 0 when absent: a new store has applied nothing. */
    static long decodeIndex(byte[] value) {
        return value == null ? 0 : ByteBuffer.wrap(value).getLong();
    }

    static byte[] encodeCompactRev(long revision) {
        return new Revision(revision, 0).toKey();
    }

    /** -1 when absent: never compacted (so that a first compaction at 0 is valid). */
    static long decodeCompactRev(byte[] value) {
        return value == null ? -1 : Revision.fromKey(value).main();
    }

    private static byte[] bytes(String name) {
        return name.getBytes(StandardCharsets.UTF_8);
    }
}
