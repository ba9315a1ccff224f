package io.revkv.store.apply;

import static io.revkv.store.testing.KvOps.bytes;
import static io.revkv.store.testing.KvOps.delete;
import static io.revkv.store.testing.KvOps.op;
import static io.revkv.store.testing.KvOps.put;
import static io.revkv.store.testing.KvOps.range;
import static io.revkv.store.testing.KvOps.txn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.revkv.proto.etcdserverpb.CompactionRequest;
import io.revkv.proto.etcdserverpb.Compare;
import io.revkv.proto.etcdserverpb.Compare.CompareResult;
import io.revkv.proto.etcdserverpb.Compare.CompareTarget;
import io.revkv.proto.etcdserverpb.PutRequest;
import io.revkv.proto.etcdserverpb.RequestOp;
import io.revkv.proto.etcdserverpb.ResponseHeader;
import io.revkv.proto.etcdserverpb.ResponseOp;
import io.revkv.proto.etcdserverpb.TxnRequest;
import io.revkv.proto.etcdserverpb.TxnResponse;
import io.revkv.proto.mvccpb.KeyValue;
import io.revkv.store.errors.EtcdError;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TxnExecutorTest {

    private static final RequestOp MARK = op(put("mark", "x"));

    @RegisterExtension
    final AppliedStore kv = new AppliedStore();

    @Test
    void emptyTxnSucceedsAtTheCurrentRevision() {
        kv.put("a", "1");

        TxnResponse local = kv.applier().readOnlyTxn(TxnRequest.getDefaultInstance());
        TxnResponse replicated = kv.applier().txn(kv.nextIndex(), TxnRequest.getDefaultInstance());

        for (TxnResponse r : List.of(local, replicated)) {
            assertThat(r.getSucceeded()).isTrue();
            assertThat(r.getResponsesList()).isEmpty();
            assertThat(r.getHeader().getRevision()).isEqualTo(2);
        }
        assertThat(kv.store().consistentIndex()).isEqualTo(kv.lastIndex());
    }

    @ParameterizedTest
    @EnumSource(value = CompareResult.class, names = "UNRECOGNIZED", mode = EnumSource.Mode.EXCLUDE)
    void valueCompareOnAMissingKeyFailsWhateverTheOperator(CompareResult result) {
        Compare c = Compare.newBuilder().setKey(bytes("missing")).setTarget(CompareTarget.VALUE)
                .setResult(result).setValue(bytes("v")).build();

        assertThat(succeeds(c)).isFalse();
    }

    @Test
    void createRevisionZeroHoldsExactlyWhenTheKeyIsAbsent() {
        kv.put("present", "1");

        assertThat(succeeds(compare("absent", CompareTarget.CREATE, CompareResult.EQUAL, 0))).isTrue();
        assertThat(succeeds(compare("present", CompareTarget.CREATE, CompareResult.EQUAL, 0))).isFalse();
    }

    @Test
    void missingKeyComparesAsAZeroRecordForNonValueTargets() {
        assertThat(succeeds(compare("absent", CompareTarget.VERSION, CompareResult.LESS, 1))).isTrue();
        assertThat(succeeds(compare("absent", CompareTarget.MOD, CompareResult.GREATER, 0))).isFalse();
        assertThat(succeeds(compare("absent", CompareTarget.LEASE, CompareResult.EQUAL, 0))).isTrue();
    }

    @Test
    void eachTargetComparesItsField() {
        kv.leasesExist(7);
        kv.put(put("k", "b").toBuilder().setLease(7).build()); // create 2
        kv.put(put("k", "b").toBuilder().setLease(7).build()); // mod 3, version 2

        assertThat(succeeds(compare("k", CompareTarget.VERSION, CompareResult.EQUAL, 2))).isTrue();
        assertThat(succeeds(compare("k", CompareTarget.CREATE, CompareResult.EQUAL, 2))).isTrue();
        assertThat(succeeds(compare("k", CompareTarget.MOD, CompareResult.GREATER, 2))).isTrue();
        assertThat(succeeds(compare("k", CompareTarget.LEASE, CompareResult.NOT_EQUAL, 7))).isFalse();
        assertThat(succeeds(valueCompare("k", CompareResult.LESS, "c"))).isTrue();
        assertThat(succeeds(valueCompare("k", CompareResult.GREATER, "a"))).isTrue();
    }

    @Test
    void rangeCompareHoldsOnlyIfEveryKeyInTheRangeSatisfiesIt() {
        kv.put("r/a", "1");
        kv.put("r/b", "1");
        kv.put("r/c", "2");

        Compare allOnes = valueCompare("r/", CompareResult.EQUAL, "1").toBuilder().setRangeEnd(bytes("r/c")).build();
        Compare throughC = allOnes.toBuilder().setRangeEnd(bytes("r0")).build();
        Compare fromBOn = allOnes.toBuilder().setKey(bytes("r/b")).setRangeEnd(bytes("\0")).build();

        assertThat(succeeds(allOnes)).isTrue();
        assertThat(succeeds(throughC)).isFalse();
        assertThat(succeeds(fromBOn)).isFalse();
    }

    @Test
    void comparesAreAndedAndAnEmptyListHolds() {
        kv.put("a", "1");
        Compare holds = valueCompare("a", CompareResult.EQUAL, "1");
        Compare fails = valueCompare("a", CompareResult.EQUAL, "2");

        assertThat(succeeds(holds, holds)).isTrue();
        assertThat(succeeds(holds, fails)).isFalse();
        assertThat(succeeds()).isTrue();
    }

    @Test
    void failedComparesRunTheFailureBranch() {
        TxnResponse r = kv.applier().txn(kv.nextIndex(), txn(List.of(valueCompare("a", CompareResult.EQUAL, "1")),
                List.of(op(put("then", "x"))), List.of(op(put("else", "x")))));

        assertThat(r.getSucceeded()).isFalse();
        assertThat(r.getResponsesList()).singleElement().satisfies(op -> assertThat(op.hasResponsePut()).isTrue());
        assertThat(kv.get("then")).isNull();
        assertThat(kv.get("else")).isNotNull();
    }

    @Test
    void twoNoOpDeletesReportTheBeginRevisionEverywhere() {
        kv.put("a", "1"); // revision 2

        TxnResponse r = kv.applier().txn(kv.nextIndex(), txn(op(delete("x")), op(delete("y"))));

        assertThat(innerRevisions(r)).containsExactly(2L, 2L);
        assertThat(r.getHeader().getRevision()).isEqualTo(2);
        assertThat(kv.store().currentRevision()).isEqualTo(2);
    }

    @Test
    void innerHeadersShowTheBeginRevisionUntilTheFirstChangeAndTheTxnRevisionAfter() {
        kv.put("a", "1"); // revision 2

        TxnResponse r = kv.applier().txn(kv.nextIndex(),
                txn(op(range("a")), op(delete("x")), op(put("b", "1")), op(delete("y")), op(range("a"))));

        assertThat(innerRevisions(r)).containsExactly(2L, 2L, 3L, 3L, 3L);
        assertThat(r.getHeader().getRevision()).isEqualTo(3);
    }

    @Test
    void allWritesOfATxnShareOneRevision() {
        kv.put("old", "1"); // revision 2

        kv.applier().txn(kv.nextIndex(), txn(op(put("a", "1")), op(delete("old")), op(txn(op(put("b", "1"))))));

        assertThat(kv.get("a").getModRevision()).isEqualTo(3);
        assertThat(kv.get("b").getModRevision()).isEqualTo(3);
        assertThat(kv.get("old")).isNull();
        assertThat(kv.store().currentRevision()).isEqualTo(3);
    }

    @Test
    void readsSeeTheTxnsOwnEarlierWrites() {
        kv.put("a", "1"); // revision 2

        TxnResponse r = kv.applier().txn(kv.nextIndex(), txn(op(txn(op(put("n1", "v")))), op(range("n1"))));

        KeyValue n1 = r.getResponses(1).getResponseRange().getKvs(0);
        assertThat(n1.getCreateRevision()).isEqualTo(3);
        assertThat(n1.getModRevision()).isEqualTo(3);
    }

    @Test
    void nestedTxnResponseHasAnEmptyHeader() {
        TxnResponse r = kv.applier().txn(kv.nextIndex(), txn(op(txn(op(put("n", "v"))))));

        TxnResponse nested = r.getResponses(0).getResponseTxn();
        assertThat(nested.getHeader()).isEqualTo(ResponseHeader.getDefaultInstance());
        assertThat(nested.getSucceeded()).isTrue();
        assertThat(nested.getResponses(0).getResponsePut().getHeader().getRevision()).isEqualTo(2);
        assertThat(r.getHeader().getRevision()).isEqualTo(2);
    }

    @Test
    void nestedComparesSeeTheStoreBeforeTheTxnNotItsEarlierWrites() {
        TxnRequest nested = txn(List.of(compare("k", CompareTarget.CREATE, CompareResult.EQUAL, 0)),
                List.of(op(range("k"))), List.of(op(delete("gone"))));

        TxnResponse r = kv.applier().txn(kv.nextIndex(), txn(op(put("k", "v")), op(nested)));

        assertThat(r.getResponses(1).getResponseTxn().getSucceeded()).isTrue();
    }

    @Test
    void futureRangeRevisionOnTheTakenPathFailsBeforeAnythingIsWritten() {
        kv.put("a", "1"); // revision 2
        RequestOp future = op(range("a").toBuilder().setRevision(300).build());

        assertThatThrownBy(() -> kv.applier().txn(kv.nextIndex(), txn(MARK, op(txn(future)))))
                .matches(EtcdError.FUTURE_REV::matches);

        assertNothingWrittenSince(2);
    }

    @Test
    void compactedRangeRevisionOnTheTakenPathFailsBeforeAnythingIsWritten() {
        kv.put("a", "1");
        kv.put("a", "2"); // revision 3
        kv.applier().compact(kv.nextIndex(), CompactionRequest.newBuilder().setRevision(3).build());
        RequestOp compacted = op(range("a").toBuilder().setRevision(2).build());

        assertThatThrownBy(() -> kv.applier().txn(kv.nextIndex(), txn(MARK, compacted)))
                .matches(EtcdError.COMPACTED::matches);
        assertThatThrownBy(() -> kv.applier().readOnlyTxn(txn(compacted))).matches(EtcdError.COMPACTED::matches);

        assertNothingWrittenSince(3);
    }

    @Test
    void everyPutOnThePathIsCheckedBeforeAnyRangeAsInEtcd() {
        kv.put("a", "1");
        kv.put("a", "2"); // revision 3
        kv.applier().compact(kv.nextIndex(), CompactionRequest.newBuilder().setRevision(3).build());
        RequestOp compacted = op(range("a").toBuilder().setRevision(2).build());
        RequestOp leased = op(put("b", "x").toBuilder().setLease(1234).build());
        RequestOp ignoringAndLeased = op(PutRequest.newBuilder().setKey(bytes("absent"))
                .setIgnoreValue(true).setLease(1234).build());

        assertThatThrownBy(() -> kv.applier().txn(kv.nextIndex(), txn(compacted, leased)))
                .matches(EtcdError.LEASE_NOT_FOUND::matches);
        // Within one put, etcd's txn check looks at the key before the lease.
        assertThatThrownBy(() -> kv.applier().txn(kv.nextIndex(), txn(compacted, ignoringAndLeased)))
                .matches(EtcdError.KEY_NOT_FOUND::matches);

        assertNothingWrittenSince(3);
    }

    @Test
    void ignoreValueOnAnAbsentKeyFailsTheTxnBeforeAnythingIsWritten() {
        kv.put("a", "1");
        RequestOp ignoreValue = op(PutRequest.newBuilder().setKey(bytes("absent")).setIgnoreValue(true).build());

        assertThatThrownBy(() -> kv.applier().txn(kv.nextIndex(), txn(MARK, ignoreValue)))
                .matches(EtcdError.KEY_NOT_FOUND::matches);

        assertNothingWrittenSince(2);
    }

    @Test
    void ignoreValueOfAKeyDeletedEarlierInTheTxnThroughTheNulQuirkFailsBeforeAnythingIsWritten() {
        kv.put("zz9", "1"); // revision 2
        RequestOp ignoreValue = op(PutRequest.newBuilder().setKey(bytes("zz9")).setIgnoreValue(true).build());

        assertThatThrownBy(() -> kv.applier().txn(kv.nextIndex(), txn(op(delete("t", "\0")), ignoreValue)))
                .matches(EtcdError.KEY_NOT_FOUND::matches);

        assertNothingWrittenSince(2);
        assertThat(kv.get("zz9")).isNotNull();
    }

    @Test
    void onlyTheTakenPathIsChecked() {
        RequestOp future = op(range("a").toBuilder().setRevision(300).build());

        TxnResponse r = kv.applier().txn(kv.nextIndex(),
                txn(List.of(), List.of(op(put("a", "1"))), List.of(future)));

        assertThat(r.getSucceeded()).isTrue();
        assertThat(kv.get("a")).isNotNull();
    }

    @Test
    void negativeRangeRevisionInATxnIsCompactedOnceTheStoreWasCompactedAsInEtcd() {
        kv.put("a", "1"); // revision 2
        RequestOp minusOne = op(range("a").toBuilder().setRevision(-1).build());

        assertThat(kv.applier().readOnlyTxn(txn(minusOne)).getResponses(0).getResponseRange().getCount()).isEqualTo(1);

        kv.applier().compact(kv.nextIndex(), CompactionRequest.newBuilder().setRevision(1).build());
        assertThatThrownBy(() -> kv.applier().readOnlyTxn(txn(minusOne))).matches(EtcdError.COMPACTED::matches);
    }

    @Test
    void deleteToNulPlusPutAboveItExecutesInOrder() {
        kv.put("t1", "old");
        kv.put("zz9", "old"); // revision 3

        TxnResponse r = kv.applier().txn(kv.nextIndex(), txn(op(delete("t", "\0")), op(put("zz9", "new"))));

        assertThat(r.getResponses(0).getResponseDeleteRange().getDeleted()).isEqualTo(2);
        assertThat(kv.get("t1")).isNull();
        assertThat(kv.get("zz9").getValue()).isEqualTo(bytes("new"));
        assertThat(kv.get("zz9").getVersion()).isEqualTo(1);
    }

    @Test
    void readOnlyTxnReportsTheCurrentRevisionAndDoesNotWrite() {
        kv.put("a", "1");
        kv.put("b", "2"); // revision 3

        TxnResponse r = kv.applier().readOnlyTxn(txn(List.of(valueCompare("a", CompareResult.EQUAL, "1")),
                List.of(op(range("a", "c"))), List.of()));

        assertThat(r.getSucceeded()).isTrue();
        assertThat(r.getHeader().getRevision()).isEqualTo(3);
        assertThat(r.getResponses(0).getResponseRange().getHeader().getRevision()).isEqualTo(3);
        assertThat(r.getResponses(0).getResponseRange().getCount()).isEqualTo(2);
    }

    @Test
    void readOnlyTxnRefusesAWriteOnItsTakenPath() {
        assertThatThrownBy(() -> kv.applier().readOnlyTxn(txn(op(put("a", "1")))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(kv.get("a")).isNull();
    }

    private boolean succeeds(Compare... compares) {
        return kv.applier().readOnlyTxn(txn(List.of(compares), List.of(), List.of())).getSucceeded();
    }

    private void assertNothingWrittenSince(long revision) {
        assertThat(kv.store().currentRevision()).isEqualTo(revision);
        assertThat(kv.get("mark")).isNull();
        assertThat(kv.store().consistentIndex()).isEqualTo(kv.lastIndex());
    }

    private static Compare compare(String key, CompareTarget target, CompareResult result, long operand) {
        Compare.Builder c = Compare.newBuilder().setKey(bytes(key)).setTarget(target).setResult(result);
        return switch (target) {
            case VERSION -> c.setVersion(operand).build();
            case CREATE -> c.setCreateRevision(operand).build();
            case MOD -> c.setModRevision(operand).build();
            case LEASE -> c.setLease(operand).build();
            case VALUE, UNRECOGNIZED -> throw new IllegalArgumentException(target.name());
        };
    }

    private static Compare valueCompare(String key, CompareResult result, String value) {
        return Compare.newBuilder().setKey(bytes(key)).setTarget(CompareTarget.VALUE).setResult(result)
                .setValue(bytes(value)).build();
    }

    private static List<Long> innerRevisions(TxnResponse r) {
        return r.getResponsesList().stream().map(TxnExecutorTest::headerRevision).toList();
    }

    private static long headerRevision(ResponseOp op) {
        return switch (op.getResponseCase()) {
            case RESPONSE_RANGE -> op.getResponseRange().getHeader().getRevision();
            case RESPONSE_PUT -> op.getResponsePut().getHeader().getRevision();
            case RESPONSE_DELETE_RANGE -> op.getResponseDeleteRange().getHeader().getRevision();
            case RESPONSE_TXN, RESPONSE_NOT_SET -> throw new IllegalArgumentException(op.getResponseCase().name());
        };
    }
}
