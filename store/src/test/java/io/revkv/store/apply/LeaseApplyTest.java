package io.revkv.store.apply;

import static io.revkv.store.testing.KvOps.bytes;
import static io.revkv.store.testing.KvOps.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.revkv.proto.etcdserverpb.LeaseGrantRequest;
import io.revkv.proto.etcdserverpb.LeaseGrantResponse;
import io.revkv.proto.etcdserverpb.LeaseRevokeRequest;
import io.revkv.proto.etcdserverpb.PutRequest;
import io.revkv.proto.etcdserverpb.RequestOp;
import io.revkv.proto.etcdserverpb.TxnRequest;
import io.revkv.proto.mvccpb.KeyValue;
import io.revkv.store.backend.Bucket;
import io.revkv.store.backend.BucketEntry;
import io.revkv.store.backend.ReadSnapshot;
import io.revkv.store.errors.EtcdError;
import io.revkv.store.lease.LeaseInfo;
import io.revkv.store.mvcc.Revision;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Leases through the applier on a real RocksDB store: grant, revoke, attach and detach by writes, restart. */
class LeaseApplyTest {

    @RegisterExtension
    final AppliedStore kv = new AppliedStore();

    private LeaseGrantResponse grant(long id, long ttl) {
        return kv.applier().leaseGrant(kv.nextIndex(), LeaseGrantRequest.newBuilder().setID(id).setTTL(ttl).build());
    }

    private long revoke(long id) {
        return kv.applier().leaseRevoke(kv.nextIndex(), LeaseRevokeRequest.newBuilder().setID(id).build())
                .getHeader().getRevision();
    }

    private PutRequest leased(String key, long lease) {
        return put(key, "v").toBuilder().setLease(lease).build();
    }

    private List<String> keysOf(long id) {
        return kv.leases().timeToLive(id).orElseThrow().keys().stream().map(ByteString::toStringUtf8).toList();
    }

    @Test
    void aGrantAnswersTheEffectiveTtlChangesNoRevisionAndRecordsItsIndex() {
        kv.put("a", "1");

        LeaseGrantResponse r = grant(7, 1);

        assertThat(r.getID()).isEqualTo(7);
        assertThat(r.getTTL()).isEqualTo(2);
        assertThat(r.getHeader().getRevision()).isEqualTo(2);
        assertThat(kv.store().currentRevision()).isEqualTo(2);
        assertThat(kv.store().consistentIndex()).isEqualTo(kv.lastIndex());
    }

    @Test
    void refusedGrantsWriteNothingButStillRecordTheirIndex() {
        grant(7, 60);

        assertThatThrownBy(() -> grant(7, 60)).matches(EtcdError.LEASE_EXIST::matches);
        assertThat(kv.store().consistentIndex()).isEqualTo(kv.lastIndex());
        assertThatThrownBy(() -> grant(8, 9_000_000_001L)).matches(EtcdError.TOO_LARGE_TTL::matches);
        kv.reopen();
        assertThat(kv.leases().leases()).containsExactly(7L);
    }

    @Test
    void theLeaseBucketHoldsEtcdsRecordUnderTheBigEndianId() {
        grant(-7, 60);

        try (ReadSnapshot snapshot = kv.backend().snapshot()) {
            List<BucketEntry> entries = snapshot.range(Bucket.LEASE, null, null, 10);
            assertThat(entries).hasSize(1);
            assertThat(entries.get(0).key()).containsExactly(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xf9);
            assertThat(entries.get(0).value()).isEqualTo(io.revkv.proto.leasepb.Lease.newBuilder()
                    .setID(-7).setTTL(60).build().toByteArray());
        }
    }

    @Test
    void revokeDeletesTheKeysInOneRevisionInAscendingKeyOrderAndRemovesTheRecord() {
        grant(7, 60);
        kv.put(leased("lb", 7));
        kv.put(leased("la", 7));
        kv.put(leased("lc", 7));
        kv.put("other", "x");
        long before = kv.store().currentRevision();

        assertThat(revoke(7)).isEqualTo(before + 1);

        assertThat(kv.store().currentRevision()).isEqualTo(before + 1);
        assertThat(tombstonesAt(before + 1)).containsExactly("la", "lb", "lc");
        assertThat(kv.get("other")).isNotNull();
        assertThat(kv.leases().exists(7)).isFalse();
        kv.reopen();
        assertThat(kv.leases().exists(7)).isFalse();
    }

    @Test
    void revokingALeaseWithoutKeysConsumesNoRevision() {
        grant(7, 60);
        kv.put("a", "1");

        assertThat(revoke(7)).isEqualTo(2);
        assertThat(kv.store().currentRevision()).isEqualTo(2);
    }

    @Test
    void revokingAnUnknownLeaseFailsAndStillRecordsItsIndex() {
        assertThatThrownBy(() -> revoke(7)).matches(EtcdError.LEASE_NOT_FOUND::matches);
        assertThat(kv.store().consistentIndex()).isEqualTo(kv.lastIndex());
    }

    @Test
    void putsMoveAndDetachKeysUnlessTheyIgnoreTheLease() {
        kv.leasesExist(7, 8);
        kv.put(leased("a", 7));
        kv.put(leased("b", 7));
        kv.put(leased("c", 7));
        kv.put(leased("d", 7));

        kv.put(leased("a", 8));
        kv.put(put("b", "plain"));
        kv.put(put("c", "").toBuilder().setIgnoreValue(true).build());
        kv.put(put("d", "kept").toBuilder().setIgnoreLease(true).build());

        assertThat(keysOf(7)).containsExactly("d");
        assertThat(keysOf(8)).containsExactly("a");
        assertThat(kv.get("d").getLease()).isEqualTo(7);
    }

    @Test
    void deletesAndTxnsDetachAndAttachInTheirOrder() {
        kv.leasesExist(7, 8);
        kv.put(leased("a", 7));
        kv.put(leased("b", 7));
        kv.delete("a");
        kv.applier().txn(kv.nextIndex(), TxnRequest.newBuilder()
                .addSuccess(RequestOp.newBuilder().setRequestDeleteRange(
                        io.revkv.store.testing.KvOps.delete("b")))
                .addSuccess(RequestOp.newBuilder().setRequestPut(leased("c", 8)))
                .build());

        assertThat(keysOf(7)).isEmpty();
        assertThat(keysOf(8)).containsExactly("c");
    }

    @Test
    void aRestartRestoresLeasesAndTheAttachmentsOfTheLatestRecords() {
        grant(7, 60);
        grant(8, 5);
        kv.put(leased("a", 7));
        kv.put(leased("b", 7));
        kv.put(leased("b", 8));
        kv.put(leased("c", 8));
        kv.delete("c");

        kv.reopen();

        assertThat(keysOf(7)).containsExactly("a");
        assertThat(keysOf(8)).containsExactly("b");
        LeaseInfo restored = kv.leases().timeToLive(8).orElseThrow();
        assertThat(restored.grantedTtl()).isEqualTo(5);
        assertThat(restored.remainingSeconds()).as("full TTL plus an election timeout").isEqualTo(6);
    }

    @Test
    void anExpiredLeaseIsRevokedLikeAnyOther() {
        grant(7, 2);
        kv.put(leased("a", 7));
        kv.clock().advance(Duration.ofSeconds(2));

        List<Long> expired = kv.leases().expired(10);
        expired.forEach(this::revoke);

        assertThat(expired).containsExactly(7L);
        assertThat(kv.get("a")).isNull();
    }

    /** The keys of the tombstones written at main revision {@code main}, in sub-revision order. */
    private List<String> tombstonesAt(long main) {
        try (ReadSnapshot snapshot = kv.backend().snapshot()) {
            return snapshot.range(Bucket.KEY, Revision.mainPrefix(main), Revision.mainPrefix(main + 1), 100).stream()
                    .filter(e -> Revision.isTombstoneKey(e.key()))
                    .map(e -> parse(e.value()).getKey().toStringUtf8())
                    .toList();
        }
    }

    private static KeyValue parse(byte[] value) {
        try {
            return KeyValue.parseFrom(value);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }
}
