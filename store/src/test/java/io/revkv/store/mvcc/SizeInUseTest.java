package io.revkv.store.mvcc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backend's size in use on a real store: about the size while nothing is deleted, well below it once an MVCC
 * compaction deleted most records (before any defragmentation), about the size again after the defragmentation,
 * and the same after a restart (the live records are recounted from disk).
 */
class SizeInUseTest {
    private static final long SEED = 13;
    private static final int KEYS = 50;
    private static final int WRITES = 3000;

    @TempDir
    Path dir;

    /**
     * Few large values written, deleted and compacted away, beside many small live ones, all still in the memtables:
     * in use is measured in bytes, not records (by count, nearly every record is live).
     */
    @Test
    void largeDeletedValuesWeighTheirBytesBesideManySmallLiveOnes() {
        Random random = new Random(SEED);
        try (StoreHarness h = new StoreHarness(dir)) {
            for (int i = 0; i < 2000; i++) {
                h.put("small/" + i, "v" + i);
            }
            for (int i = 0; i < 40; i++) {
                h.put("large/" + i, incompressible(random, 32 * 1024));
            }
            // The memtables also hold 2040 versions of the consistent index, of which one is live: in use is about
            // the records' bytes (the memtables' overhead aside), well below the memtables' size.
            long records = h.store().statistics().recordBytes();
            assertThat(h.backend().sizeInUse()).as("seed %d", SEED)
                    .isBetween(records * 9 / 10, Math.max(records * 2, h.backend().size() * 3 / 4));
            try (WriteTxn txn = h.write()) {
                txn.deleteRange(StoreHarness.bytes("large/"), StoreHarness.bytes("large0"));
            }
            h.compact(h.store().currentRevision());
            long size = h.backend().size();
            long inUse = h.backend().sizeInUse();
            // ~1.3 MB of large values deleted, ~100 KB of small records live.
            assertThat(inUse).as("in use %d of %d", inUse, size).isLessThan(records / 4);

            h.backend().defragment();
            assertThat(h.backend().sizeInUse()).isBetween(h.backend().size() * 8 / 10, h.backend().size());
        }
    }

    @Test
    void inUseFollowsWhatACompactionDeletedAndWhatADefragmentationReclaimed() {
        Random random = new Random(SEED);
        try (StoreHarness h = new StoreHarness(dir)) {
            for (int i = 0; i < WRITES; i++) {
                h.put("k" + (i % KEYS), incompressible(random, 1024));
            }
            h.backend().flush();
            long written = h.backend().size();
            assertThat(written).as("seed %d", SEED).isGreaterThan(2_000_000);
            assertThat(h.backend().sizeInUse()).isBetween(written * 9 / 10, written);

            h.delete("k0");
            h.compact(h.store().currentRevision());
            h.backend().flush();
            long size = h.backend().size();
            long inUse = h.backend().sizeInUse();
            // 49 live records of ~3000: the file is as big as before, in use is a few percent of it.
            assertThat(size).isGreaterThan(written * 9 / 10);
            assertThat(inUse).as("in use %d of %d", inUse, size).isLessThan(size / 10).isPositive();
            // The newest record of each key: 49 puts and k0's tombstone, which is the compact revision itself.
            assertThat(h.store().statistics().records()).isEqualTo(KEYS);

            h.backend().defragment();
            long defragmented = h.backend().size();
            assertThat(defragmented).isLessThan(size / 10);
            assertThat(h.backend().sizeInUse()).isBetween(defragmented * 9 / 10, defragmented);

            h.reopen();
            assertThat(h.store().statistics().records()).isEqualTo(KEYS);
            assertThat(h.backend().sizeInUse()).isBetween(h.backend().size() * 9 / 10, h.backend().size());
        }
    }

    /** Random printable text: LZ4 cannot shrink it much, so sizes reflect the data. */
    private static String incompressible(Random random, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) ('!' + random.nextInt(94)));
        }
        return text.toString();
    }
}
