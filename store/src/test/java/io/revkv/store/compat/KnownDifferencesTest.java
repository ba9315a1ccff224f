package io.revkv.store.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.revkv.proto.etcdserverpb.HashKVRequest;
import io.revkv.proto.etcdserverpb.HashKVResponse;
import io.revkv.proto.etcdserverpb.ResponseHeader;
import io.revkv.testing.Dialect;
import io.revkv.testing.Outcome;
import org.junit.jupiter.api.Test;

/** The translation of new-behaviour HashKV answers into 3.4's, on hand-made outcomes (no servers). */
class KnownDifferencesTest {

    private static final Outcome COMPACTED = Outcome.error(Status.Code.OUT_OF_RANGE, KnownDifferences.COMPACTED);

    private final KnownDifferences known = new KnownDifferences(Dialect.ETCD_3_4, Dialect.NEW);

    private static HashKVRequest hashKv(long revision) {
        return HashKVRequest.newBuilder().setRevision(revision).build();
    }

    private static Outcome answer(int hash, long compactRevision, long hashRevision) {
        return Outcome.ok(HashKVResponse.newBuilder().setHeader(ResponseHeader.newBuilder().setRevision(20))
                .setHash(hash).setCompactRevision(compactRevision).setHashRevision(hashRevision).build());
    }

    @Test
    void hashRevisionIsCheckedThenClearedAboveTheCompactRevision() {
        KnownDifferences.Translation t = known.translate(hashKv(0), answer(5, 10, 20), 10);
        assertThat(t.violations()).isEmpty();
        assertThat(t.applied()).containsExactly(KnownDifferences.Name.HASHKV_HASH_REVISION_FIELD);
        assertThat(((HashKVResponse) t.asReference().response()).getHashRevision()).isZero();

        assertThat(known.translate(hashKv(15), answer(5, 10, 20), 10).violations()).hasSize(1);
    }

    @Test
    void hashKvAtExactlyCompactRevisionMustSucceedAndBecomes34sError() {
        KnownDifferences.Translation ok = known.translate(hashKv(10), answer(5, 10, 10), 10);
        assertThat(ok.violations()).isEmpty();
        assertThat(ok.applied()).contains(KnownDifferences.Name.HASHKV_AT_COMPACT_REVISION);
        assertThat(ok.asReference()).isEqualTo(COMPACTED);

        assertThat(known.translate(hashKv(10), COMPACTED, 10).violations())
                .singleElement().asString().contains("must succeed");
    }

    @Test
    void cachedCompactionHashMustCarryThePreviousCompactRevisionAndTheHashBefore() {
        known.compacted(7, 3, 1234L);
        known.compacted(10, 7, null);

        KnownDifferences.Translation cached = known.translate(hashKv(7), answer(1234, 3, 7), 10);
        assertThat(cached.violations()).isEmpty();
        assertThat(cached.applied()).contains(KnownDifferences.Name.HASHKV_COMPACTION_HASH_CACHE);
        assertThat(cached.asReference()).isEqualTo(COMPACTED);

        assertThat(known.translate(hashKv(7), answer(999, 3, 7), 10).violations()).hasSize(1);
        assertThat(known.translate(hashKv(7), COMPACTED, 10).violations()).isEmpty();
        assertThat(known.translate(hashKv(10), answer(42, 7, 10), 10).violations()).isEmpty();
        assertThat(known.translate(hashKv(8), answer(42, 10, 8), 10).violations())
                .singleElement().asString().contains("neither a cached compaction hash");
    }

    @Test
    void sameDialectsTranslateNothing() {
        KnownDifferences same = new KnownDifferences(Dialect.ETCD_3_4, Dialect.ETCD_3_4);
        Outcome answer = answer(5, 10, 0);
        assertThat(same.translate(hashKv(10), answer, 10).asReference()).isSameAs(answer);
    }
}
