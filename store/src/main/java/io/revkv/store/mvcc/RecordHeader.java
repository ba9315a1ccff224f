package io.revkv.store.mvcc;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import io.revkv.proto.mvccpb.KeyValue;
import java.io.IOException;

/**
 * The fields of a stored {@code mvccpb.KeyValue} that rebuilding the index and the lease attachments needs, read
 * without its value: a restore reads every record, and copying every value out of them only to drop it would cost
 * most of the restore's allocation.
 *
 * @param key            the record's key (a copy, sized to the key)
 * @param createRevision the main revision that created the key's generation
 * @param version        the key's version in its generation
 * @param lease          the attached lease, 0 for none
 */
record RecordHeader(ByteString key, long createRevision, long version, long lease) {

    private static final int KEY = KeyValue.KEY_FIELD_NUMBER;
    private static final int CREATE_REVISION = KeyValue.CREATE_REVISION_FIELD_NUMBER;
    private static final int VERSION = KeyValue.VERSION_FIELD_NUMBER;
    private static final int LEASE = KeyValue.LEASE_FIELD_NUMBER;

    /** Parses {@code record[0, length)}, stored under {@code revision}; a record that does not parse means a corrupt backend. */
    static RecordHeader parse(Revision revision, byte[] record, int length) {
        try {
            return read(CodedInputStream.newInstance(record, 0, length));
        } catch (IOException e) {
            throw new IllegalStateException("corrupt record at revision " + revision, e);
        }
    }

    private static RecordHeader read(CodedInputStream in) throws IOException {
        ByteString key = ByteString.EMPTY;
        long createRevision = 0;
        long version = 0;
        long lease = 0;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case KEY -> key = in.readBytes();
                case CREATE_REVISION -> createRevision = in.readInt64();
                case VERSION -> version = in.readInt64();
                case LEASE -> lease = in.readInt64();
                default -> in.skipField(tag);
            }
        }
        return new RecordHeader(key, createRevision, version, lease);
    }
}
