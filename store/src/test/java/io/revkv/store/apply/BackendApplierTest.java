package io.revkv.store.apply;

import static io.revkv.store.testing.KvOps.range;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.revkv.proto.etcdserverpb.CompactionRequest;
import io.revkv.proto.etcdserverpb.CompactionResponse;
import io.revkv.store.errors.EtcdError;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the applier adds around the executors: txn lifecycle, consistent index and compaction. */
class BackendApplierTest {

    @RegisterExtension
    final AppliedStore kv = new AppliedStore();

    @Test
    void everyAppliedWriteRecordsItsIndex() {
        kv.put("a", "1");
        kv.delete("missing");

        assertThat(kv.store().consistentIndex()).isEqualTo(2);
    }

    @Test
    void compactionReportsTheCurrentRevisionNotTheCompactedOne() throws Exception {
        kv.put("a", "1");
        kv.put("a", "2");
        kv.put("a", "3"); // revision 4

        CompactionResponse c = kv.applier().compact(kv.nextIndex(), compaction(2));

        assertThat(c.getHeader().getRevision()).isEqualTo(4);
        kv.store().lastCompaction().get(10, TimeUnit.SECONDS);
        assertThat(kv.store().compactRevision()).isEqualTo(2);
        assertThat(kv.store().consistentIndex()).isEqualTo(kv.lastIndex());
        assertThatThrownBy(() -> kv.applier().range(range("a").toBuilder().setRevision(1).build()))
                .matches(EtcdError.COMPACTED::matches);
    }

    @Test
    void firstCompactionToZeroSucceedsAndASecondOneIsCompacted() {
        kv.applier().compact(kv.nextIndex(), compaction(0));

        assertThatThrownBy(() -> kv.applier().compact(kv.nextIndex(), compaction(0)))
                .matches(EtcdError.COMPACTED::matches);
    }

    @Test
    void rejectedCompactionsWriteNothing() {
        kv.put("a", "1"); // revision 2
        kv.applier().compact(kv.nextIndex(), compaction(2));
        long recorded = kv.lastIndex();

        assertThatThrownBy(() -> kv.applier().compact(kv.nextIndex(), compaction(2)))
                .matches(EtcdError.COMPACTED::matches);
        assertThatThrownBy(() -> kv.applier().compact(kv.nextIndex(), compaction(3)))
                .matches(EtcdError.FUTURE_REV::matches);
        assertThat(kv.store().consistentIndex()).as("the state machine records their positions").isEqualTo(recorded);
        assertThat(kv.store().currentRevision()).isEqualTo(2);
    }

    @Test
    void appliedWritesSurviveAReopen() {
        kv.put("a", "1");

        kv.reopen();

        assertThat(kv.get("a").getModRevision()).isEqualTo(2);
        assertThat(kv.store().consistentIndex()).isEqualTo(1);
    }

    private static CompactionRequest compaction(long revision) {
        return CompactionRequest.newBuilder().setRevision(revision).build();
    }
}
