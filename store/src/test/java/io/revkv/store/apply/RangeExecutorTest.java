package io.revkv.store.apply;

import static io.revkv.store.testing.KvOps.bytes;
import static io.revkv.store.testing.KvOps.range;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.revkv.proto.etcdserverpb.CompactionRequest;
import io.revkv.proto.etcdserverpb.RangeRequest;
import io.revkv.proto.etcdserverpb.RangeRequest.SortOrder;
import io.revkv.proto.etcdserverpb.RangeRequest.SortTarget;
import io.revkv.proto.etcdserverpb.RangeResponse;
import io.revkv.proto.mvccpb.KeyValue;
import io.revkv.store.errors.EtcdError;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RangeExecutorTest {

    @RegisterExtension
    final AppliedStore kv = new AppliedStore();

    @Test
    void freshStoreAnswersAnEmptyRangeAtRevisionOne() {
        RangeResponse r = kv.applier().range(range("a"));

        assertThat(r.getHeader().getRevision()).isEqualTo(1);
        assertThat(r.getKvsList()).isEmpty();
        assertThat(r.getCount()).isZero();
        assertThat(r.getMore()).isFalse();
    }

    @Test
    void emptyRangeEndIsASingleKeyAndAnEndIsHalfOpen() {
        putAll("a", "b", "c");

        assertThat(kv.keys(range("b"))).containsExactly("b");
        assertThat(kv.keys(range("a", "c"))).containsExactly("a", "b");
    }

    @Test
    void nulRangeEndMeansEveryKeyFromKeyOn() {
        putAll("a", "b", "c");

        assertThat(kv.keys(range("b", "\0"))).containsExactly("b", "c");
        assertThat(kv.keys(range("\0", "\0"))).containsExactly("a", "b", "c");
    }

    @Test
    void rangeEndNotAboveKeyIsEmptyWithoutError() {
        putAll("a", "b", "c");

        assertThat(kv.keys(range("c", "a"))).isEmpty();
        assertThat(kv.keys(range("b", "b"))).isEmpty();
    }

    @Test
    void limitTruncatesAndSetsMoreWhileCountStaysTheWholeRange() {
        putAll("a", "b", "c", "d", "e");

        RangeResponse r = kv.applier().range(all().setLimit(2).build());

        assertThat(keysOf(r)).containsExactly("a", "b");
        assertThat(r.getMore()).isTrue();
        assertThat(r.getCount()).isEqualTo(5);
    }

    @Test
    void limitEqualToTheNumberOfKeysIsNotMore() {
        putAll("a", "b", "c");

        RangeResponse r = kv.applier().range(all().setLimit(3).build());

        assertThat(keysOf(r)).containsExactly("a", "b", "c");
        assertThat(r.getMore()).isFalse();
    }

    @Test
    void negativeLimitMeansNoLimit() {
        putAll("a", "b", "c");

        RangeResponse r = kv.applier().range(all().setLimit(-1).build());

        assertThat(keysOf(r)).containsExactly("a", "b", "c");
        assertThat(r.getMore()).isFalse();
    }

    @Test
    void countIgnoresFiltersAndLimitAsInTheLiveExample() {
        putAll("a", "b", "c", "d", "e"); // mod revisions 2..6

        RangeResponse r = kv.applier().range(all().setMinModRevision(4).setLimit(1).build());

        assertThat(keysOf(r)).containsExactly("c");
        assertThat(r.getMore()).isTrue();
        assertThat(r.getCount()).isEqualTo(5);
    }

    @Test
    void modRevisionFiltersAreInclusiveAndZeroDisablesThem() {
        putAll("a", "b", "c", "d"); // mod revisions 2..5

        assertThat(kv.keys(all().setMinModRevision(3).setMaxModRevision(4).build())).containsExactly("b", "c");
        assertThat(kv.keys(all().setMaxModRevision(3).build())).containsExactly("a", "b");
        assertThat(kv.keys(all().setMinModRevision(0).setMaxModRevision(0).build()))
                .containsExactly("a", "b", "c", "d");
    }

    @Test
    void createRevisionFiltersKeepKeysCreatedInsideTheBounds() {
        putAll("a", "b", "c"); // created at 2, 3, 4
        kv.put("a", "again"); // mod 5, still created at 2

        assertThat(kv.keys(all().setMinCreateRevision(3).build())).containsExactly("b", "c");
        assertThat(kv.keys(all().setMaxCreateRevision(3).build())).containsExactly("a", "b");
    }

    @Test
    void modTargetWithoutOrderSortsOnlyTheFirstLimitPlusOneKeysAsEtcdDoes() {
        putAll("s/c", "s/a", "s/b"); // mod: s/c 2, s/a 3, s/b 4

        RangeResponse noOrder = kv.applier().range(prefixS().setSortTarget(SortTarget.MOD).setLimit(1).build());
        RangeResponse ascend = kv.applier().range(prefixS().setSortTarget(SortTarget.MOD)
                .setSortOrder(SortOrder.ASCEND).setLimit(1).build());

        assertThat(keysOf(noOrder)).containsExactly("s/a");
        assertThat(keysOf(ascend)).containsExactly("s/c");
        assertThat(List.of(noOrder.getMore(), ascend.getMore())).containsOnly(true);
        assertThat(List.of(noOrder.getCount(), ascend.getCount())).containsOnly(3L);
    }

    @Test
    void nonKeyTargetWithoutOrderOrLimitSortsAscending() {
        putAll("s/c", "s/a", "s/b");

        assertThat(kv.keys(prefixS().setSortTarget(SortTarget.CREATE).build())).containsExactly("s/c", "s/a", "s/b");
    }

    @Test
    void descendWithTheDefaultKeyTargetIsReverseKeyOrder() {
        putAll("a", "c", "b");

        RangeResponse r = kv.applier().range(all().setSortOrder(SortOrder.DESCEND).setLimit(2).build());

        assertThat(keysOf(r)).containsExactly("c", "b");
        assertThat(r.getMore()).isTrue();
    }

    @Test
    void sortByVersionKeepsKeyOrderBetweenTies() {
        putAll("a", "b", "c", "b"); // versions: a 1, b 2, c 1

        assertThat(kv.keys(all().setSortTarget(SortTarget.VERSION).setSortOrder(SortOrder.DESCEND).build()))
                .containsExactly("b", "a", "c");
        assertThat(kv.keys(all().setSortTarget(SortTarget.VERSION).setSortOrder(SortOrder.ASCEND).build()))
                .containsExactly("a", "c", "b");
    }

    @Test
    void sortByValueComparesUnsignedBytes() {
        kv.put("a", "\u00e9"); // 0xC3 0xA9: negative as a signed byte
        kv.put("b", "z");

        assertThat(kv.keys(all().setSortTarget(SortTarget.VALUE).setSortOrder(SortOrder.ASCEND).build()))
                .containsExactly("b", "a");
    }

    @Test
    void unknownSortOrderAndTargetAreAcceptedAsKeyOrder() {
        putAll("c", "a", "b");

        RangeResponse unknownOrder = kv.applier().range(all().setSortOrderValue(7).setSortTarget(SortTarget.MOD)
                .setLimit(2).build());
        RangeResponse unknownTarget = kv.applier().range(all().setSortTargetValue(9).setSortOrder(SortOrder.DESCEND)
                .build());

        assertThat(keysOf(unknownOrder)).containsExactly("a", "b");
        assertThat(unknownOrder.getMore()).isTrue();
        assertThat(keysOf(unknownTarget)).containsExactly("c", "b", "a");
    }

    @Test
    void countOnlyReturnsTheCountAloneIgnoringFiltersAndLimit() {
        putAll("a", "b", "c");

        RangeResponse r = kv.applier().range(all().setCountOnly(true).setLimit(1).setMinModRevision(4).build());

        assertThat(r.getCount()).isEqualTo(3);
        assertThat(r.getKvsList()).isEmpty();
        assertThat(r.getMore()).isFalse();
    }

    @Test
    void keysOnlyStripsValuesAndKeepsEveryOtherField() {
        kv.put("a", "value");

        KeyValue kvOnly = kv.applier().range(range("a").toBuilder().setKeysOnly(true).build()).getKvs(0);

        assertThat(kvOnly).isEqualTo(kv.get("a").toBuilder().clearValue().build());
        assertThat(kvOnly.getValue().isEmpty()).isTrue();
        assertThat(kvOnly.getModRevision()).isEqualTo(2);
    }

    @Test
    void historicalReadReturnsOldDataButTheCurrentRevisionInTheHeader() {
        kv.put("a", "1");
        kv.put("a", "2");
        kv.put("b", "1"); // current revision 4

        RangeResponse r = kv.applier().range(all().setRevision(2).build());

        assertThat(r.getHeader().getRevision()).isEqualTo(4);
        assertThat(r.getKvsList()).singleElement().satisfies(old -> {
            assertThat(old.getValue()).isEqualTo(bytes("1"));
            assertThat(old.getVersion()).isEqualTo(1);
        });
        assertThat(r.getCount()).isEqualTo(1);
    }

    @Test
    void negativeRevisionReadsTheCurrentRevision() {
        kv.put("a", "1");
        kv.put("a", "2");

        assertThat(kv.applier().range(range("a").toBuilder().setRevision(-5).build()).getKvs(0).getValue())
                .isEqualTo(bytes("2"));
    }

    @Test
    void futureRevisionIsRejected() {
        kv.put("a", "1");

        assertThatThrownBy(() -> kv.applier().range(range("a").toBuilder().setRevision(3).build()))
                .matches(EtcdError.FUTURE_REV::matches);
    }

    @Test
    void belowTheCompactRevisionIsCompactedAndExactlyAtItIsReadable() {
        putAll("a", "b", "c"); // revision 4
        kv.applier().compact(kv.nextIndex(), CompactionRequest.newBuilder().setRevision(3).build());

        assertThatThrownBy(() -> kv.applier().range(all().setRevision(2).build()))
                .matches(EtcdError.COMPACTED::matches);
        assertThat(kv.keys(all().setRevision(3).build())).containsExactly("a", "b");
    }

    private void putAll(String... keys) {
        for (String key : keys) {
            kv.put(key, "v-" + key);
        }
    }

    private static RangeRequest.Builder all() {
        return range("\0", "\0").toBuilder();
    }

    private static RangeRequest.Builder prefixS() {
        return range("s/", "s0").toBuilder();
    }

    private static List<String> keysOf(RangeResponse r) {
        return r.getKvsList().stream().map(kv -> kv.getKey().toStringUtf8()).toList();
    }
}
