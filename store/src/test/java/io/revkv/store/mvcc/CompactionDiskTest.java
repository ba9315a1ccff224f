package io.revkv.store.mvcc;

import static org.assertj.core.api.Assertions.assertThat;

import io.revkv.proto.mvccpb.KeyValue;
import io.revkv.store.backend.Bucket;
import io.revkv.store.backend.BucketEntry;
import io.revkv.store.backend.ReadSnapshot;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a compaction leaves in the {@code key} bucket, whatever its batch size: each key's newest record at or below
 * the compact revision and every record above it, nothing else; and it reports how many records it removed. The
 * history mixes one long run of obsolete records (a hot key) with short ones (keys written in turns).
 */
class CompactionDiskTest {
    static final long COMPACT_AT = 80;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 16, 1000})
    void onlyTheNewestRecordOfEachKeyAtTheCompactRevisionAndLaterOnesRemain(int batchLimit) {
        try (StoreHarness h = new StoreHarness(dir, new CompactionSettings(batchLimit, Duration.ZERO))) {
            List<CompactionReport> reports = new CopyOnWriteArrayList<>();
            h.store().statistics().onCompaction(reports::add);
            for (int i = 0; i < 50; i++) {
                h.put("hot", "v" + i);
            }
            for (int i = 0; h.store().currentRevision() < 100; i++) {
                h.put("k" + (i % 6), "v" + i);
            }
            List<Long> expected = new ArrayList<>(h.all(COMPACT_AT).stream().map(KeyValue::getModRevision).toList());
            LongStream.rangeClosed(COMPACT_AT + 1, 100).forEach(expected::add);
            int before = records(h).size();

            h.compact(COMPACT_AT);

            assertThat(records(h)).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(reports).singleElement().extracting(CompactionReport::keysRemoved)
                    .isEqualTo((long) before - expected.size());
            assertThat(h.store().statistics().records()).isEqualTo(expected.size());
        }
    }

    private static List<Long> records(StoreHarness h) {
        try (ReadSnapshot snapshot = h.backend().snapshot()) {
            return snapshot.range(Bucket.KEY, null, null, 1000).stream().map(BucketEntry::key)
                    .map(key -> Revision.fromKey(key).main()).toList();
        }
    }
}
