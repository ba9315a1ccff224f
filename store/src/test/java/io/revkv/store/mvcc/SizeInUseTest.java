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
