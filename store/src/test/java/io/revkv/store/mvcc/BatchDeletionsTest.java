package io.revkv.store.mvcc;

import static org.assertj.core.api.Assertions.assertThat;

import io.revkv.store.backend.Backend;
import io.revkv.store.backend.Batch;
import io.revkv.store.backend.Bucket;
import io.revkv.store.backend.BucketEntry;
import io.revkv.store.backend.ReadSnapshot;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One compaction batch over records 1..40 of a real RocksDB, keeping 5.0, 30.0 and the tombstone 33.0. */
class BatchDeletionsTest {
    static final List<Revision> KEPT = List.of(new Revision(30, 0), new Revision(5, 0), new Revision(33, 0));

    @TempDir
    Path dir;

    private static byte[] recordKey(long main) {
        return main == 33 ? new Revision(main, 0).toTombstoneKey() : new Revision(main, 0).toKey();
    }

    @Test
    void deletesEveryRecordNotKeptLongRunsAsOneRangeEach() {
        try (Backend backend = Backend.open(dir)) {
            writeRecords(backend, 1, 41);
            try (Batch batch = backend.batch(); ReadSnapshot snapshot = backend.snapshot()) {
                BatchDeletions deletions = new BatchDeletions(batch, new KeptRevisions(KEPT));
                int scanned = snapshot.scanKeys(Bucket.KEY, null, Revision.mainPrefix(41), 1000, deletions);

                assertThat(scanned).isEqualTo(40);
                assertThat(deletions.finish()).isEqualTo(37);
                // 1-4 (short: a delete each), 6-29 (one range), 31-32 (two deletes), 34-40 (7 < MIN_RANGE: 7 deletes)
                assertThat(batch.size()).isEqualTo(4 + 1 + 2 + 7);
                assertThat(Arrays.compareUnsigned(deletions.resumeKey(), recordKey(40))).isPositive();
                assertThat(Arrays.compareUnsigned(deletions.resumeKey(), recordKey(41))).isNegative();
                batch.commit();
            }
            assertThat(remaining(backend)).containsExactly(5L, 30L, 33L, 41L);
        }
    }

    @Test
    void aBatchEndClosesTheRunWithTheKeysItScanned() {
        try (Backend backend = Backend.open(dir)) {
            writeRecords(backend, 6, 29);
            try (Batch batch = backend.batch(); ReadSnapshot snapshot = backend.snapshot()) {
                BatchDeletions deletions = new BatchDeletions(batch, new KeptRevisions(KEPT));
                snapshot.scanKeys(Bucket.KEY, null, null, 12, deletions);
                assertThat(deletions.finish()).isEqualTo(12);
                assertThat(batch.size()).isEqualTo(1);
                batch.commit();
            }
            assertThat(remaining(backend)).first().isEqualTo(18L);
        }
    }

    private static void writeRecords(Backend backend, long fromMain, long toMain) {
        try (Batch records = backend.batch()) {
            for (long main = fromMain; main <= toMain; main++) {
                records.put(Bucket.KEY, recordKey(main), new byte[] {1});
            }
            records.commit();
        }
    }

    private static List<Long> remaining(Backend backend) {
        try (ReadSnapshot snapshot = backend.snapshot()) {
            return snapshot.range(Bucket.KEY, null, null, 100).stream().map(BucketEntry::key)
                    .map(key -> Revision.fromKey(key).main()).toList();
        }
    }
}
