package io.revkv.store.mvcc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.revkv.proto.mvccpb.KeyValue;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RecordHeaderTest {
    private static final Revision AT = new Revision(9, 0);

    @Test
    void readsEveryFieldButTheValueOfAStoredRecord() {
        KeyValue kv = KeyValue.newBuilder().setKey(ByteString.copyFromUtf8("k\u00ff")).setCreateRevision(3)
                .setModRevision(9).setVersion(4).setValue(ByteString.copyFrom(new byte[300])).setLease(0x7f00_0000_01L)
                .build();
        assertThat(RecordHeader.parse(AT, kv.toByteArray()))
                .isEqualTo(new RecordHeader(kv.getKey(), 3, 4, 0x7f00_0000_01L));
    }

    /** A tombstone's record: etcd stores only the key and the mod revision. */
    @Test
    void absentFieldsAreZero() {
        KeyValue tombstone = KeyValue.newBuilder().setKey(ByteString.copyFromUtf8("gone")).setModRevision(9).build();
        assertThat(RecordHeader.parse(AT, tombstone.toByteArray()))
                .isEqualTo(new RecordHeader(ByteString.copyFromUtf8("gone"), 0, 0, 0));
    }

    @Test
    void theKeyIsACopyThatDoesNotPinTheRecord() {
        byte[] record = KeyValue.newBuilder().setKey(ByteString.copyFromUtf8("abc")).build().toByteArray();
        ByteString key = RecordHeader.parse(AT, record).key();
        record[2] = 'X';
        assertThat(key.toStringUtf8()).isEqualTo("abc");
    }

    @Test
    void aTruncatedRecordIsCorruptionAtItsRevision() {
        byte[] record = KeyValue.newBuilder().setKey(ByteString.copyFromUtf8("key")).setValue(ByteString.copyFromUtf8(
                "value")).build().toByteArray();
        byte[] truncated = Arrays.copyOf(record, record.length - 2);
        assertThatThrownBy(() -> RecordHeader.parse(AT, truncated)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("revision 9.0");
    }
}
