package io.revkv.store.api;

import static io.revkv.store.testing.KvOps.delete;
import static io.revkv.store.testing.KvOps.op;
import static io.revkv.store.testing.KvOps.put;
import static io.revkv.store.testing.KvOps.range;
import static io.revkv.store.testing.KvOps.txn;
import static org.assertj.core.api.Assertions.assertThat;

import io.revkv.proto.etcdserverpb.TxnRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

class TxnKindTest {

    @Test
    void emptyTxnIsReadOnlyAndSerializable() {
        TxnRequest empty = TxnRequest.getDefaultInstance();

        assertThat(TxnKind.isReadOnly(empty)).isTrue();
        assertThat(TxnKind.isSerializable(empty)).isTrue();
    }

    @Test
    void rangesInBothBranchesAreReadOnlyButLinearizableByDefault() {
        TxnRequest r = txn(List.of(), List.of(op(range("a"))), List.of(op(range("b"))));

        assertThat(TxnKind.isReadOnly(r)).isTrue();
        assertThat(TxnKind.isSerializable(r)).isFalse();
    }

    @Test
    void serializableOnlyWhenEveryRangeOfBothBranchesIs() {
        var serializable = op(range("a").toBuilder().setSerializable(true).build());

        assertThat(TxnKind.isSerializable(txn(List.of(), List.of(serializable), List.of(serializable)))).isTrue();
        assertThat(TxnKind.isSerializable(txn(List.of(), List.of(serializable), List.of(op(range("b")))))).isFalse();
    }

    @Test
    void aWriteInTheFailureBranchMakesAWriteTxn() {
        assertThat(TxnKind.isReadOnly(txn(List.of(), List.of(op(range("a"))), List.of(op(put("a", "1")))))).isFalse();
        assertThat(TxnKind.isReadOnly(txn(op(delete("a"))))).isFalse();
    }

    @Test
    void aNestedTxnOfOnlyRangesMakesAWriteTxn() {
        assertThat(TxnKind.isReadOnly(txn(op(txn(op(range("a"))))))).isFalse();
    }
}
