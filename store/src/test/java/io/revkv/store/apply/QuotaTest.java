package io.revkv.store.apply;

import static io.revkv.store.testing.KvOps.delete;
import static io.revkv.store.testing.KvOps.op;
import static io.revkv.store.testing.KvOps.put;
import static io.revkv.store.testing.KvOps.range;
import static io.revkv.store.testing.KvOps.txn;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The cost model and the admission rule of contract §7.3. */
class QuotaTest {

    @Test
    void aPutCostsTheKvOverheadPlusKeyAndValue() {
        assertThat(Quota.cost(put("key", "value"))).isEqualTo(256 + 3 + 5);
    }

    @Test
    void aTxnCostsItsDearerBranchNotTheSumOfBoth() {
        var cheap = List.of(op(put("a", "1")));                                 // 258
        var dear = List.of(op(put("b", "22")), op(put("c", "333")));            // 259 + 260
        assertThat(Quota.cost(txn(List.of(), cheap, dear))).isEqualTo(519);
        assertThat(Quota.cost(txn(List.of(), dear, cheap))).isEqualTo(519);
    }

    @Test
    void nestedTxnsCountWithTheirOwnCostRecursively() {
        // The worked example of Quota's javadoc.
        var inner = txn(List.of(), List.of(), List.of(op(put("bb", "y"))));
        var outer = txn(List.of(), List.of(op(put("a", "xx")), op(inner)), List.of(op(put("c", "zzzz"))));
        assertThat(Quota.cost(outer)).isEqualTo(518);
        var deeper = txn(op(txn(op(txn(op(put("k", "v")))))));
        assertThat(Quota.cost(deeper)).isEqualTo(258);
    }

    @Test
    void txnsWithoutPutsCostNothing() {
        assertThat(Quota.cost(txn(op(range("a")), op(delete("b")), op(txn(op(delete("c"))))))).isZero();
    }

    @Test
    void aRequestFitsOnlyIfSizePlusCostStaysBelowTheQuota() {
        AtomicLong size = new AtomicLong(1000);
        Quota quota = Quota.of(1300, size::get);

        assertThat(quota.allows(299)).isTrue();
        assertThat(quota.allows(300)).as("dbSize + cost == quota is over").isFalse();
        size.set(1300);
        assertThat(quota.allows(0)).as("a request that costs nothing always passes").isTrue();
        assertThat(quota.allows(1)).isFalse();
    }

    @Test
    void zeroMeansTwoGibibytesAndNegativeMeansNoQuota() {
        assertThat(Quota.of(0, () -> 0).limit()).isEqualTo(2L * 1024 * 1024 * 1024);
        assertThat(Quota.of(0, () -> Quota.DEFAULT_BYTES - 10).allows(10)).isFalse();
        assertThat(Quota.of(-1, () -> Long.MAX_VALUE / 2).allows(Long.MAX_VALUE / 4)).isTrue();
    }
}
