package io.revkv.store.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.revkv.proto.etcdserverpb.PutResponse;
import io.revkv.proto.etcdserverpb.RangeResponse;
import io.revkv.proto.etcdserverpb.ResponseHeader;
import io.revkv.proto.etcdserverpb.ResponseOp;
import io.revkv.proto.etcdserverpb.TxnResponse;
import io.revkv.testing.Outcome;
import org.junit.jupiter.api.Test;

/** Normalization clears member-specific header fields at every depth and nothing else. */
class ResponseComparerTest {

    private static ResponseHeader header(long cluster, long member, long revision, long term) {
        return ResponseHeader.newBuilder().setClusterId(cluster).setMemberId(member).setRevision(revision)
                .setRaftTerm(term).build();
    }

    private static Outcome txn(long member, long innerRevision, boolean nestedHeader) {
        TxnResponse.Builder nested = TxnResponse.newBuilder();
        if (nestedHeader) {
            nested.setHeader(ResponseHeader.getDefaultInstance());
        }
        return Outcome.ok(TxnResponse.newBuilder().setHeader(header(1, member, 9, 2)).setSucceeded(true)
                .addResponses(ResponseOp.newBuilder().setResponsePut(PutResponse.newBuilder()
                        .setHeader(header(0, member, innerRevision, 0))))
                .addResponses(ResponseOp.newBuilder().setResponseTxn(nested))
                .build());
    }

    @Test
    void memberFieldsAreIgnoredAtEveryDepth() {
        assertThat(ResponseComparer.diff(txn(11, 9, true), txn(22, 9, true))).isEmpty();
    }

    @Test
    void revisionsAndHeaderPresenceStillCount() {
        assertThat(ResponseComparer.diff(txn(11, 9, true), txn(11, 8, true))).isPresent();
        assertThat(ResponseComparer.diff(txn(11, 9, true), txn(11, 9, false))).isPresent();
    }

    @Test
    void errorsCompareByCodeAndExactDescription() {
        Outcome compacted = Outcome.error(Status.Code.OUT_OF_RANGE, KnownDifferences.COMPACTED);
        assertThat(ResponseComparer.diff(compacted, Outcome.error(Status.Code.OUT_OF_RANGE,
                KnownDifferences.COMPACTED))).isEmpty();
        assertThat(ResponseComparer.diff(compacted, Outcome.error(Status.Code.OUT_OF_RANGE,
                "mvcc: required revision has been compacted"))).isPresent();
        assertThat(ResponseComparer.diff(compacted, Outcome.ok(RangeResponse.getDefaultInstance())))
                .get().asString().contains("expected (reference)");
    }
}
