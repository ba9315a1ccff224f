package io.revkv.store.api;

import static io.revkv.store.testing.KvOps.bytes;
import static io.revkv.store.testing.KvOps.delete;
import static io.revkv.store.testing.KvOps.op;
import static io.revkv.store.testing.KvOps.put;
import static io.revkv.store.testing.KvOps.range;
import static io.revkv.store.testing.KvOps.txn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.ByteString;
import io.grpc.StatusRuntimeException;
import io.revkv.proto.etcdserverpb.Compare;
import io.revkv.proto.etcdserverpb.DeleteRangeRequest;
import io.revkv.proto.etcdserverpb.PutRequest;
import io.revkv.proto.etcdserverpb.RangeRequest;
import io.revkv.proto.etcdserverpb.RequestOp;
import io.revkv.proto.etcdserverpb.TxnRequest;
import io.revkv.store.errors.EtcdError;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class KvRequestValidatorTest {

    private static final int MAX_TXN_OPS = 128;

    @Test
    void rangePutAndDeleteWithEmptyKeyAreKeyNotProvided() {
        assertRejected(() -> KvRequestValidator.checkRange(RangeRequest.getDefaultInstance()),
                EtcdError.KEY_NOT_PROVIDED);
        assertRejected(() -> KvRequestValidator.checkPut(PutRequest.getDefaultInstance()), EtcdError.KEY_NOT_PROVIDED);
        assertRejected(() -> KvRequestValidator.checkDeleteRange(DeleteRangeRequest.getDefaultInstance()),
                EtcdError.KEY_NOT_PROVIDED);
    }

    @Test
    void putWithIgnoreValueAndAValueIsValueProvided() {
        PutRequest r = put("k", "v").toBuilder().setIgnoreValue(true).build();

        assertRejected(() -> KvRequestValidator.checkPut(r), EtcdError.VALUE_PROVIDED);
    }

    @Test
    void putWithIgnoreLeaseAndALeaseIsLeaseProvided() {
        PutRequest r = put("k", "").toBuilder().setIgnoreLease(true).setLease(5).build();

        assertRejected(() -> KvRequestValidator.checkPut(r), EtcdError.LEASE_PROVIDED);
    }

    @Test
    void putWithBothIgnoreFlagsAndNothingElseIsAccepted() {
        PutRequest r = put("k", "").toBuilder().setIgnoreValue(true).setIgnoreLease(true).build();

        assertThatCode(() -> KvRequestValidator.checkPut(r)).doesNotThrowAnyException();
    }

    @Test
    void txnWith128OpsPerBranchOrCompareListIsAccepted() {
        assertAccepted(txn(compares(128), distinctPuts(128), distinctPuts(128)));
    }

    @Test
    void txnWith129SuccessOpsOrFailureOpsOrComparesIsTooManyOps() {
        assertTxnRejected(txn(List.of(), distinctPuts(129), List.of()), EtcdError.TOO_MANY_OPS);
        assertTxnRejected(txn(List.of(), List.of(), distinctPuts(129)), EtcdError.TOO_MANY_OPS);
        assertTxnRejected(txn(compares(129), List.of(), List.of()), EtcdError.TOO_MANY_OPS);
    }

    @Test
    void nestedTxnGetsTheBudgetItsParentLeft() {
        List<RequestOp> outer = Collections.nCopies(99, op(range("r")));

        assertAccepted(txnOf(outer, op(txn(List.of(), distinctPuts(28), List.of()))));
        assertTxnRejected(txnOf(outer, op(txn(List.of(), distinctPuts(29), List.of()))), EtcdError.TOO_MANY_OPS);
    }

    @Test
    void compareWithEmptyKeyIsKeyNotProvided() {
        assertTxnRejected(txn(List.of(Compare.getDefaultInstance()), List.of(), List.of()),
                EtcdError.KEY_NOT_PROVIDED);
    }

    @Test
    void emptyRequestOpIsKeyNotFound() {
        assertTxnRejected(txn(RequestOp.getDefaultInstance()), EtcdError.KEY_NOT_FOUND);
    }

    @Test
    void opsInsideNestedTxnAreValidatedLikeStandaloneOnes() {
        PutRequest valueProvided = put("k", "v").toBuilder().setIgnoreValue(true).build();

        assertTxnRejected(txn(op(txn(op(valueProvided)))), EtcdError.VALUE_PROVIDED);
        assertTxnRejected(txn(List.of(), List.of(), List.of(op(range("")))), EtcdError.KEY_NOT_PROVIDED);
    }

    @Test
    void twoPutsOfOneKeyInABranchAreDuplicate() {
        assertTxnRejected(txn(op(put("k", "1")), op(put("k", "2"))), EtcdError.DUPLICATE_KEY);
    }

    @Test
    void putInsideADeleteRangeOfTheSameBranchIsDuplicateWhateverTheOrder() {
        assertTxnRejected(txn(op(put("b", "1")), op(delete("a", "c"))), EtcdError.DUPLICATE_KEY);
        assertTxnRejected(txn(op(delete("a", "c")), op(put("b", "1"))), EtcdError.DUPLICATE_KEY);
        assertTxnRejected(txn(op(delete("b")), op(put("b", "1"))), EtcdError.DUPLICATE_KEY);
    }

    @Test
    void putAtTheExclusiveEndOfADeleteRangeIsAccepted() {
        assertAccepted(txn(op(delete("a", "c")), op(put("c", "1"))));
    }

    @Test
    void overlapComparesKeysAsUnsignedBytes() {
        ByteString high = ByteString.copyFrom(new byte[] {(byte) 0x80});
        DeleteRangeRequest lowToHigher = DeleteRangeRequest.newBuilder()
                .setKey(ByteString.copyFrom(new byte[] {0x10}))
                .setRangeEnd(ByteString.copyFrom(new byte[] {(byte) 0x90}))
                .build();

        assertTxnRejected(txn(op(lowToHigher), op(PutRequest.newBuilder().setKey(high).build())),
                EtcdError.DUPLICATE_KEY);
    }

    @Test
    void nestedPutInsideAnOuterDeleteIsDuplicate() {
        assertTxnRejected(txn(op(delete("a", "z")), op(txn(op(put("k", "1"))))), EtcdError.DUPLICATE_KEY);
    }

    @Test
    void outerPutInsideANestedDeleteIsDuplicate() {
        assertTxnRejected(txn(op(txn(op(delete("a", "z")))), op(put("k", "1"))), EtcdError.DUPLICATE_KEY);
    }

    @Test
    void nestedPutOfAnOuterPutKeyIsDuplicate() {
        assertTxnRejected(txn(op(put("k", "1")), op(txn(op(put("k", "2"))))), EtcdError.DUPLICATE_KEY);
    }

    @Test
    void nestedThenAndElseMayPutTheSameKey() {
        TxnRequest nested = txn(List.of(), List.of(op(put("k", "then"))), List.of(op(put("k", "else"))));

        assertAccepted(txn(op(nested)));
    }

    @Test
    void twoSiblingNestedTxnsPuttingTheSameKeyAreDuplicateEvenAcrossThenAndElse() {
        TxnRequest elsePut = txn(List.of(), List.of(), List.of(op(put("k", "1"))));
        TxnRequest thenPut = txn(op(put("k", "2")));

        assertTxnRejected(txn(op(elsePut), op(thenPut)), EtcdError.DUPLICATE_KEY);
    }

    @Test
    void siblingNestedPutAfterANestedDeleteIsDuplicate() {
        assertTxnRejected(txn(op(txn(op(delete("k")))), op(txn(op(put("k", "1"))))), EtcdError.DUPLICATE_KEY);
    }

    @Test
    void siblingNestedDeleteAfterANestedPutIsAcceptedAsInEtcd() {
        assertAccepted(txn(op(txn(op(put("k", "1")))), op(txn(op(delete("k"))))));
    }

    @Test
    void overlappingDeletesAreAccepted() {
        assertAccepted(txn(op(delete("a", "m")), op(delete("c", "z")), op(delete("c"))));
    }

    @Test
    void sameKeyPutInSuccessAndFailureIsAccepted() {
        assertAccepted(txn(List.of(), List.of(op(put("k", "1"))), List.of(op(put("k", "2")))));
    }

    @Test
    void deleteToNulRangeEndIsTakenLiterallySoAPutAboveItIsAccepted() {
        assertAccepted(txn(op(delete("t", "\0")), op(put("zz9", "v"))));
        assertAccepted(txn(op(delete("t", "\0")), op(put("t", "v"))));
    }

    @Test
    void duplicateInTheFailureBranchIsRejectedToo() {
        assertTxnRejected(txn(List.of(), List.of(), List.of(op(put("k", "1")), op(put("k", "2")))),
                EtcdError.DUPLICATE_KEY);
    }

    private static List<Compare> compares(int n) {
        Compare c = Compare.newBuilder().setKey(bytes("c")).build();
        return Collections.nCopies(n, c);
    }

    private static List<RequestOp> distinctPuts(int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> op(put("k" + i, "v"))).toList();
    }

    private static TxnRequest txnOf(List<RequestOp> ops, RequestOp last) {
        return TxnRequest.newBuilder().addAllSuccess(ops).addSuccess(last).build();
    }

    private static void assertAccepted(TxnRequest r) {
        assertThatCode(() -> KvRequestValidator.checkTxn(r, MAX_TXN_OPS)).doesNotThrowAnyException();
    }

    private static void assertTxnRejected(TxnRequest r, EtcdError expected) {
        assertRejected(() -> KvRequestValidator.checkTxn(r, MAX_TXN_OPS), expected);
    }

    private static void assertRejected(Executable check, EtcdError expected) {
        StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class, check::execute);
        assertThat(e).as("rejected with %s", expected).isNotNull();
        assertThat(e.getStatus().getCode()).isEqualTo(expected.code());
        assertThat(e.getStatus().getDescription()).isEqualTo(expected.message());
    }
}
