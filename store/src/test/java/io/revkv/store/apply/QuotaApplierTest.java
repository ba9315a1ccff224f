package io.revkv.store.apply;

import static io.revkv.store.apply.CappedApplierTest.alarm;
import static io.revkv.store.testing.KvOps.op;
import static io.revkv.store.testing.KvOps.put;
import static io.revkv.store.testing.KvOps.txn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.revkv.proto.etcdserverpb.AlarmRequest.AlarmAction;
import io.revkv.proto.etcdserverpb.AlarmType;
import io.revkv.store.errors.EtcdError;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The apply-layer re-check: the write lands, the client gets NOSPACE, the alarm is raised once. */
class QuotaApplierTest {

    @RegisterExtension
    final AppliedStore kv = new AppliedStore();

    private final List<AlarmType> raised = new ArrayList<>();
    private Applier applier;

    @BeforeEach
    void quotaOfTheCurrentSizePlus300() {
        long limit = kv.backend().size() + 300;
        applier = new QuotaApplier(kv.applier(), Quota.of(limit, kv.backend()::size), kv.alarms(), type -> {
            raised.add(type);
            return CompletableFuture.completedFuture(null);
        });
    }

    @Test
    void aWriteThatFitsIsAnsweredNormally() {
        assertThat(applier.put(kv.nextIndex(), put("a", "1")).getHeader().getRevision()).isEqualTo(2);
        assertThat(raised).isEmpty();
    }

    @Test
    void aPutOverTheQuotaIsAppliedButAnsweredWithNoSpaceAndRaisesTheAlarm() {
        assertThatThrownBy(() -> applier.put(kv.nextIndex(), put("big", "x".repeat(100))))
                .matches(EtcdError.NO_SPACE::matches);

        assertThat(kv.get("big")).isNotNull();
        assertThat(kv.store().currentRevision()).isEqualTo(2);
        assertThat(raised).containsExactly(AlarmType.NOSPACE);
    }

    @Test
    void aTxnOverTheQuotaIsAppliedToo() {
        assertThatThrownBy(() -> applier.txn(kv.nextIndex(), txn(op(put("big", "x".repeat(100))))))
                .matches(EtcdError.NO_SPACE::matches);

        assertThat(kv.get("big")).isNotNull();
    }

    @Test
    void noSecondProposalWhileTheAlarmIsAlreadyActive() {
        applier.alarm(kv.nextIndex(), alarm(AlarmAction.ACTIVATE, AlarmType.NOSPACE));

        assertThatThrownBy(() -> applier.put(kv.nextIndex(), put("big", "x".repeat(100))))
                .matches(EtcdError.NO_SPACE::matches);
        assertThat(raised).isEmpty();
    }
}
