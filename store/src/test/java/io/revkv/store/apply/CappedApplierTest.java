package io.revkv.store.apply;

import static io.revkv.store.testing.KvOps.delete;
import static io.revkv.store.testing.KvOps.op;
import static io.revkv.store.testing.KvOps.put;
import static io.revkv.store.testing.KvOps.range;
import static io.revkv.store.testing.KvOps.txn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.revkv.proto.etcdserverpb.AlarmRequest;
import io.revkv.proto.etcdserverpb.AlarmType;
import io.revkv.proto.etcdserverpb.CompactionRequest;
import io.revkv.proto.etcdserverpb.Compare;
import io.revkv.store.errors.EtcdError;
import io.revkv.store.testing.KvOps;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The table of contract §7.3: what a NOSPACE alarm lets through, on a real store. */
class CappedApplierTest {

    private static final long MEMBER = 0x8e9e05c52164694dL;

    @RegisterExtension
    final AppliedStore kv = new AppliedStore();

    private Applier capped;

    @BeforeEach
    void raiseNoSpace() {
        capped = new CappedApplier(kv.applier(), kv.alarms());
        kv.put("a", "1");
        kv.put("b", "2"); // revision 3
        capped.alarm(kv.nextIndex(), alarm(AlarmRequest.AlarmAction.ACTIVATE, AlarmType.NOSPACE));
    }

    @Test
    void everyPutIsRejectedAndWritesNothing() {
        long recorded = kv.store().consistentIndex();
        assertThatThrownBy(() -> capped.put(kv.nextIndex(), put("c", "")))
                .matches(EtcdError.NO_SPACE::matches).hasMessage("etcdserver: mvcc: database space exceeded");

        assertThat(kv.store().currentRevision()).isEqualTo(3);
        assertThat(kv.store().consistentIndex()).as("the state machine records the position").isEqualTo(recorded);
        assertThat(kv.get("c")).isNull();
    }

    @Test
    void aTxnWithAPutInEitherBranchIsRejectedEvenWhenItsCompareFails() {
        Compare neverTrue = Compare.newBuilder().setKey(KvOps.bytes("a")).setTarget(Compare.CompareTarget.VALUE)
                .setResult(Compare.CompareResult.EQUAL).setValue(KvOps.bytes("no")).build();
        var putInSuccess = txn(List.of(neverTrue), List.of(op(put("c", "3"))), List.of(op(range("a"))));
        var putInNestedTxn = txn(op(txn(op(put("c", "3")))));
        long recorded = kv.store().consistentIndex();

        assertThatThrownBy(() -> capped.txn(kv.nextIndex(), putInSuccess)).matches(EtcdError.NO_SPACE::matches);
        assertThatThrownBy(() -> capped.txn(kv.nextIndex(), putInNestedTxn)).matches(EtcdError.NO_SPACE::matches);
        assertThat(kv.store().currentRevision()).isEqualTo(3);
        assertThat(kv.store().consistentIndex()).isEqualTo(recorded);
    }

    @Test
    void readsDeletesPutlessTxnsAndCompactionStillWork() {
        assertThat(capped.range(range("a")).getKvsCount()).isEqualTo(1);
        assertThat(capped.deleteRange(kv.nextIndex(), delete("a")).getDeleted()).isEqualTo(1);
        assertThat(capped.txn(kv.nextIndex(), txn(op(delete("b")), op(range("b")))).getSucceeded()).isTrue();
        capped.compact(kv.nextIndex(), CompactionRequest.newBuilder().setRevision(4).build());

        assertThat(kv.store().currentRevision()).isEqualTo(5);
        assertThat(kv.store().compactRevision()).isEqualTo(4);
    }

    @Test
    void disarmingLiftsTheCap() {
        capped.alarm(kv.nextIndex(), alarm(AlarmRequest.AlarmAction.DEACTIVATE, AlarmType.NOSPACE));

        assertThat(capped.put(kv.nextIndex(), put("c", "3")).getHeader().getRevision()).isEqualTo(4);
    }

    @Test
    void theCapHoldsAcrossARestartBecauseTheAlarmIsPersisted() {
        kv.reopen();
        Applier reopened = new CappedApplier(kv.applier(), kv.alarms());

        assertThatThrownBy(() -> reopened.put(kv.nextIndex(), put("c", "3"))).matches(EtcdError.NO_SPACE::matches);
    }

    static AlarmRequest alarm(AlarmRequest.AlarmAction action, AlarmType type) {
        return AlarmRequest.newBuilder().setAction(action).setMemberID(MEMBER).setAlarm(type).build();
    }
}
