package io.revkv.store.mvcc;

import static io.revkv.store.mvcc.StoreHarness.ALL;
import static io.revkv.store.mvcc.StoreHarness.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.revkv.proto.mvccpb.Event;
import io.revkv.proto.mvccpb.KeyValue;
import io.revkv.store.errors.EtcdError;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MvccStoreTest {
    @TempDir
    Path dir;
    StoreHarness h;

    @BeforeEach
    void open() {
        h = new StoreHarness(dir);
    }

    @AfterEach
    void close() {
        h.close();
    }

    private static List<String> keys(RangeResult result) {
        return result.kvs().stream().map(kv -> kv.getKey().toStringUtf8()).toList();
    }

    @Test
    void aNewStoreIsAtRevisionOneAndNeverCompacted() {
        assertThat(h.store().currentRevision()).isEqualTo(1);
        assertThat(h.store().compactRevision()).isEqualTo(-1);
        assertThat(h.store().consistentIndex()).isZero();
        assertThat(h.all(0)).isEmpty();
    }

    @Test
    void putsCreateThenUpdateAndADeleteStartsANewGeneration() {
        h.put("foo", "1");
        h.put("foo", "2");
        h.delete("foo");
        h.put("foo", "3");
        assertThat(h.get("foo", 0)).isEqualTo(kv("foo", "3", 5, 5, 1));
        assertThat(h.get("foo", 3)).isEqualTo(kv("foo", "2", 2, 3, 2));
        assertThat(h.get("foo", 4)).isNull();
        assertThat(h.get("foo", 1)).isNull();
    }

    private static KeyValue kv(String key, String value, long create, long mod, long version) {
        return KeyValue.newBuilder().setKey(bytes(key)).setValue(bytes(value))
                .setCreateRevision(create).setModRevision(mod).setVersion(version).build();
    }

    @Test
    void nothingChangedNothingConsumed() {
        h.put("a", "1");
        assertThat(h.delete("missing")).isZero();
        try (WriteTxn txn = h.write()) {
            txn.range(bytes("a"), ByteString.EMPTY, RangeOptions.CURRENT);
        }
        assertThat(h.store().currentRevision()).isEqualTo(2);
        assertThat(h.store().consistentIndex()).isEqualTo(3);
    }

    @Test
    void aTxnSharesOneRevisionAndSeesItsOwnWrites() {
        h.put("b", "old");
        try (WriteTxn txn = h.write()) {
            assertThat(txn.range(bytes("b"), ByteString.EMPTY, RangeOptions.CURRENT).revision()).isEqualTo(2);
            txn.put(bytes("a"), bytes("1"), 7);
            RangeResult own = txn.range(bytes("a"), ALL, RangeOptions.CURRENT);
            assertThat(own.revision()).isEqualTo(3);
            assertThat(keys(own)).containsExactly("a", "b");
            assertThat(own.kvs().get(0).getLease()).isEqualTo(7);
            assertThat(txn.deleteRange(bytes("a"), ALL)).isEqualTo(2);
            assertThat(txn.range(bytes("a"), ALL, RangeOptions.CURRENT).kvs()).isEmpty();
            assertThat(txn.changes()).extracting(Event::getType).containsExactly(
                    Event.EventType.PUT, Event.EventType.DELETE, Event.EventType.DELETE);
            assertThat(txn.changes().get(2).getKv())
                    .isEqualTo(KeyValue.newBuilder().setKey(bytes("b")).setModRevision(3).build());
        }
        assertThat(h.store().currentRevision()).isEqualTo(3);
        assertThat(h.get("b", 2).getValue()).isEqualTo(bytes("old"));
        assertThat(h.all(3)).isEmpty();
    }

    @Test
    void aWriteTxnIsInvisibleToReadersUntilItEnds() {
        h.put("a", "1");
        WriteTxn txn = h.write();
        txn.put(bytes("a"), bytes("2"), 0);
        txn.put(bytes("b"), bytes("2"), 0);
        assertThat(h.store().currentRevision()).isEqualTo(2);
        assertThat(h.all(0)).extracting(KeyValue::getValue).containsExactly(bytes("1"));
        txn.end();
        assertThat(h.all(0)).extracting(KeyValue::getValue).containsExactly(bytes("2"), bytes("2"));
    }

    @Test
    void rangeEndFormsFollowEtcd() {
        for (String key : List.of("a", "b", "c", "d")) {
            h.put(key, key);
        }
        assertThat(keys(h.range("b", ByteString.EMPTY, 0))).containsExactly("b");
        assertThat(keys(h.range("b", ALL, 0))).containsExactly("b", "c", "d");
        assertThat(keys(h.range("b", bytes("d"), 0))).containsExactly("b", "c");
        assertThat(keys(h.range("c", bytes("b"), 0))).isEmpty();
        assertThat(keys(h.range("c", bytes("c"), 0))).isEmpty();
    }

    @Test
    void keysCompareAsUnsignedBytes() {
        h.put("u\u0001", "1");
        h.put("ua", "2");
        try (WriteTxn txn = h.write()) {
            txn.put(ByteString.copyFrom(new byte[] {'u', (byte) 0xff}), bytes("3"), 0);
        }
        assertThat(h.range("u", ALL, 0).kvs()).extracting(KeyValue::getValue)
                .containsExactly(bytes("1"), bytes("2"), bytes("3"));
    }

    @Test
    void limitCutsTheKeysButNotTheCount() {
        for (String key : List.of("a", "b", "c")) {
            h.put(key, key);
        }
        try (ReadTxn txn = h.store().read()) {
            RangeResult limited = txn.range(bytes("a"), ALL, new RangeOptions(2, 0, false));
            assertThat(keys(limited)).containsExactly("a", "b");
            assertThat(limited.count()).isEqualTo(3);
            RangeResult counted = txn.range(bytes("a"), ALL, new RangeOptions(1, 3, true));
            assertThat(counted.kvs()).isEmpty();
            assertThat(counted.count()).isEqualTo(2);
            assertThat(counted.revision()).isEqualTo(3);
        }
    }

    @Test
    void revisionsAreCheckedFutureFirstThenCompacted() {
        h.put("a", "1");
        h.put("a", "2");
        h.put("a", "3");
        h.compact(3);
        assertThat(h.get("a", 3).getValue()).isEqualTo(bytes("2"));
        assertThat(h.get("a", -5).getValue()).isEqualTo(bytes("3"));
        assertThatThrownBy(() -> h.get("a", 2)).matches(EtcdError.COMPACTED::matches);
        assertThatThrownBy(() -> h.get("a", 5)).matches(EtcdError.FUTURE_REV::matches);
    }

    @Test
    void compactionValidatesItsRevision() {
        h.put("a", "1");
        h.compact(0);
        assertThat(h.store().compactRevision()).isZero();
        assertThatThrownBy(() -> h.compact(0)).matches(EtcdError.COMPACTED::matches);
        assertThatThrownBy(() -> h.compact(3)).matches(EtcdError.FUTURE_REV::matches);
        h.compact(2);
        assertThatThrownBy(() -> h.compact(2)).matches(EtcdError.COMPACTED::matches);
        assertThatThrownBy(() -> h.compact(1)).matches(EtcdError.COMPACTED::matches);
        assertThat(h.store().currentRevision()).isEqualTo(2);
    }

    @Test
    void aTombstoneAtTheCompactRevisionStaysReadable() {
        h.put("x", "1");
        h.delete("x");
        h.compact(3);
        assertThat(h.get("x", 3)).isNull();
        h.put("y", "1");
        h.compact(4);
        assertThat(h.all(4)).extracting(KeyValue::getKey).containsExactly(bytes("y"));
    }

    @Test
    void everythingSurvivesAReopen() {
        h.put("a", "1");
        h.put("b", "2");
        h.delete("a");
        h.compact(2);
        long hash = h.store().hash();
        h.reopen();
        assertThat(h.store().currentRevision()).isEqualTo(4);
        assertThat(h.store().compactRevision()).isEqualTo(2);
        assertThat(h.store().consistentIndex()).isEqualTo(4);
        assertThat(h.get("a", 2).getValue()).isEqualTo(bytes("1"));
        assertThat(h.all(0)).extracting(KeyValue::getKey).containsExactly(bytes("b"));
        assertThat(h.store().hash()).isEqualTo(hash);
        assertThat(h.put("a", "again")).isEqualTo(5);
        assertThat(h.get("a", 5).getVersion()).isEqualTo(1);
    }

    @Test
    void hashIgnoresTheConsistentIndex() {
        h.put("a", "1");
        long hash = h.store().hash();
        h.delete("nothing");
        assertThat(h.store().hash()).isEqualTo(hash);
        h.put("a", "1");
        assertThat(h.store().hash()).isNotEqualTo(hash);
    }
}
