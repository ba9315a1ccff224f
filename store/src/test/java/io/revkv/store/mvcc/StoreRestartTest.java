package io.revkv.store.mvcc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.google.protobuf.ByteString;
import io.revkv.proto.mvccpb.KeyValue;
import io.revkv.store.backend.Backend;
import io.revkv.store.backend.Batch;
import io.revkv.store.backend.Bucket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a reopened store derives from disk (contract §1.4): the revision never goes backwards, even when the records
 * at the top of history are gone, and the consistent index comes back.
 */
class StoreRestartTest {
    @TempDir
    Path dir;

    @Test
    void anEmptyCompactedStoreKeepsItsRevision() {
        try (StoreHarness h = new StoreHarness(dir)) {
            h.compact(1);
            h.reopen();
            assertThat(h.store().currentRevision()).isEqualTo(1);
            assertThat(h.store().compactRevision()).isEqualTo(1);
            assertThat(h.put("a", "1")).isEqualTo(2);
        }
    }

    @Test
    void compactingTheTopOfHistoryThenReopeningKeepsTheRevision() {
        try (StoreHarness h = new StoreHarness(dir)) {
            h.put("a", "1");
            h.put("b", "1");
            h.delete("a");
            h.delete("b");
            h.compact(5);
            h.reopen();
            assertThat(h.store().currentRevision()).isEqualTo(5);
            assertThat(h.store().consistentIndex()).isEqualTo(5);
            assertThat(h.all(5)).isEmpty();
            h.put("c", "1");
            h.compact(6);
            h.reopen();
            assertThat(h.store().currentRevision()).isEqualTo(6);
            assertThat(h.all(6)).extracting(KeyValue::getValue).hasSize(1);
        }
    }

    /** What etcd 3.4 leaves behind: it deleted a tombstone at the compact revision, the top record here. */
    @Test
    void theFinishedMarkCoversATopOfHistoryDeletedOnDisk() {
        try (StoreHarness h = new StoreHarness(dir)) {
            h.put("a", "1");
            h.delete("a");
            h.compact(3);
            deleteRecord(h, new Revision(3, 0).toTombstoneKey(), MetaKeys.FINISHED_COMPACT_REV, 3);
            h.reopen();
            assertThat(h.store().currentRevision()).isEqualTo(3);
            assertThat(h.put("b", "1")).isEqualTo(4);
        }
    }

    /** A crash after scheduling: only the scheduled mark remembers the revision (etcd#17780). */
    @Test
    void theScheduledMarkCoversATopOfHistoryDeletedOnDisk() {
        try (StoreHarness h = new StoreHarness(dir)) {
            h.put("a", "1");
            h.delete("a");
            h.compact(3);
            deleteRecord(h, new Revision(3, 0).toTombstoneKey(), MetaKeys.SCHEDULED_COMPACT_REV, 3);
            try (Batch batch = h.backend().batch()) {
                batch.delete(Bucket.META, MetaKeys.FINISHED_COMPACT_REV).commit();
            }
            h.reopen();
            h.store().lastCompaction().join();
            assertThat(h.store().currentRevision()).isEqualTo(3);
            assertThat(h.store().compactRevision()).isEqualTo(3);
        }
    }

    private static void deleteRecord(StoreHarness h, byte[] recordKey, byte[] mark, long markRev) {
        try (Batch batch = h.backend().batch()) {
            batch.delete(Bucket.KEY, recordKey);
            batch.put(Bucket.META, mark, MetaKeys.encodeCompactRev(markRev));
            batch.commit();
        }
    }

    /** A tombstone left as a key's first record (its puts compacted away) still gives the key an index entry. */
    @Test
    void aTombstoneFirstRecordIsRestoredIntoTheIndex() {
        try (StoreHarness h = new StoreHarness(dir)) {
            h.put("x", "1");
            h.delete("x");
            h.compact(3);
            h.reopen();
            assertThat(h.store().index().compact(3)).containsExactly(new Revision(3, 0));
            assertThat(h.get("x", 3)).isNull();
            assertThat(h.put("x", "2")).isEqualTo(4);
            assertThat(h.get("x", 4).getVersion()).isEqualTo(1);
        }
    }

    /**
     * Each live key's latest record decides its lease: a later put without a lease detaches it, a delete too, a put
     * with another lease moves it, and compaction (which leaves only the latest records) changes nothing.
     */
    @Test
    void openReportsTheLeaseOfEveryLiveKeysLatestRecord() {
        try (StoreHarness h = new StoreHarness(dir)) {
            putWithLease(h, "kept", 5);
            putWithLease(h, "moved", 5);
            putWithLease(h, "detached", 5);
            putWithLease(h, "deleted", 5);
            putWithLease(h, "moved", 7);
            h.put("detached", "plain");
            h.delete("deleted");
            h.put("never", "plain");
            h.compact(h.store().currentRevision());
        }
        Map<ByteString, Long> leased = new HashMap<>();
        try (Backend backend = Backend.open(dir);
             MvccStore store = MvccStore.open(backend, CompactionSettings.DEFAULT, leased::put)) {
            assertThat(store.currentRevision()).isEqualTo(9);
        }
        assertThat(leased).containsOnly(entry(StoreHarness.bytes("kept"), 5L), entry(StoreHarness.bytes("moved"), 7L));
    }

    private static void putWithLease(StoreHarness h, String key, long lease) {
        try (WriteTxn txn = h.write()) {
            txn.put(StoreHarness.bytes(key), StoreHarness.bytes("v"), lease);
        }
    }
}
