package io.revkv.store.apply;

import static io.revkv.store.apply.CappedApplierTest.alarm;
import static io.revkv.store.testing.KvOps.delete;
import static io.revkv.store.testing.KvOps.op;
import static io.revkv.store.testing.KvOps.put;
import static io.revkv.store.testing.KvOps.range;
import static io.revkv.store.testing.KvOps.txn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.revkv.proto.etcdserverpb.AlarmRequest.AlarmAction;
import io.revkv.proto.etcdserverpb.AlarmType;
import io.revkv.proto.etcdserverpb.CompactionRequest;
import io.revkv.store.errors.EtcdError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A CORRUPT alarm refuses every write with "etcdserver: corrupt cluster" until it is cleared; reads go on, as in etcd. */
class CorruptApplierTest {

    @RegisterExtension
    final AppliedStore kv = new AppliedStore();

    @Test
    void everyWriteFailsWhileCorruptIsActiveAndWorksAgainOnceCleared() {
        Applier applier = new CorruptApplier(kv.applier(), kv.alarms());
        kv.put("a", "1"); // revision 2
        applier.alarm(kv.nextIndex(), alarm(AlarmAction.ACTIVATE, AlarmType.CORRUPT));
        long recorded = kv.store().consistentIndex();

        assertThat(applier.range(range("a")).getKvsCount()).isEqualTo(1);
        assertThat(applier.readOnlyTxn(txn(op(range("a")))).getSucceeded()).isTrue();
        assertThatThrownBy(() -> applier.put(kv.nextIndex(), put("b", "2")))
                .matches(EtcdError.CORRUPT::matches).hasMessage("etcdserver: corrupt cluster");
        assertThatThrownBy(() -> applier.deleteRange(kv.nextIndex(), delete("a")))
                .matches(EtcdError.CORRUPT::matches);
        assertThatThrownBy(() -> applier.txn(kv.nextIndex(), txn(op(delete("a"))))).matches(EtcdError.CORRUPT::matches);
        assertThatThrownBy(() -> applier.compact(kv.nextIndex(), CompactionRequest.newBuilder().setRevision(1).build()))
                .matches(EtcdError.CORRUPT::matches);
        assertThat(kv.store().currentRevision()).isEqualTo(2);
        assertThat(kv.store().consistentIndex()).as("refusals write nothing, not even their position")
                .isEqualTo(recorded);

        applier.alarm(kv.nextIndex(), alarm(AlarmAction.DEACTIVATE, AlarmType.CORRUPT));
        assertThat(applier.put(kv.nextIndex(), put("b", "2")).getHeader().getRevision()).isEqualTo(3);
    }
}
