package io.revkv.store.mvcc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.revkv.proto.mvccpb.KeyValue;
import org.junit.jupiter.api.Test;

class RecordHeaderTest {
    private static final Revision AT = new Revision(9, 0);

    @Test
    void readsEveryFieldButTheValueOfAStoredRecord() {
        KeyValue kv = KeyValue.newBuilder().setKey(ByteString.copyFromUtf8("k\u00ff")).setCreateRevision(3)
                .setModRevision(9).setVersion(4).setValue(ByteString.copyFrom(new byte[300])).setLease(0x7f00_0000_01L)
                .build();
        assertThat(RecordHeader.parse(AT, kv.toByteArray(), kv.getSerializedSize()))
                .isEqualTo(new RecordHeader(kv.getKey(), 3, 4, 0x7f00_0000_01L));
    }

    /** A bulk scan reads every record into one array: what follows the record there is the one before's. */
    @Test
    void readsOnlyTheRecordsLengthOfAReusedArray() {
        byte[] longer = KeyValue.newBuilder().setKey(ByteString.copyFromUtf8("older")).setCreateRevision(2)
                .setVersion(7).setLease(5).setValue(ByteString.copyFrom(new byte[100])).build().toByteArray();
        KeyValue kv = KeyValue.newBuilder().setKey(ByteString.copyFromUtf8("k")).setCreateRevision(3).build();
        byte[] reused = longer.clone();
        kv.toByteString().copyTo(reused, 0);
        assertThat(RecordHeader.parse(AT, reused, kv.getSerializedSize()))
                .isEqualTo(new RecordHeader(ByteString.copyFromUtf8("k"), 3, 0, 0));
    }

    /** A tombstone's record: etcd stores only the key and the mod revision. */
    @Test
    void absentFieldsAreZero() {
        KeyValue tombstone = KeyValue.newBuilder().setKey(ByteString.copyFromUtf8("gone")).setModRevision(9).build();
        assertThat(RecordHeader.parse(AT, tombstone.toByteArray(), tombstone.getSerializedSize()))
                .isEqualTo(new RecordHeader(ByteString.copyFromUtf8("gone"), 0, 0, 0));
    }

    @Test
    void theKeyIsACopyThatDoesNotPinTheRecord() {
        byte[] record = KeyValue.newBuilder().setKey(ByteString.copyFromUtf8("abc")).build().toByteArray();
        ByteString key = RecordHeader.parse(AT, record, record.length).key();
        record[2] = 'X';
        assertThat(key.toStringUtf8()).isEqualTo("abc");
    }

    @Test
    void aTruncatedRecordIsCorruptionAtItsRevision() {
        byte[] record = KeyValue.newBuilder().setKey(ByteString.copyFromUtf8("key")).setValue(ByteString.copyFromUtf8(
                "value")).build().toByteArray();
        assertThatThrownBy(() -> RecordHeader.parse(AT, record, record.length - 2)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("revision 9.0");
    }
}
