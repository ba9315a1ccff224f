package io.revkv.store.mvcc;

import static org.assertj.core.api.Assertions.assertThat;

import io.revkv.proto.mvccpb.KeyValue;
import io.revkv.store.backend.Batch;
import io.revkv.store.backend.Bucket;
import java.nio.file.Path;
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
}
