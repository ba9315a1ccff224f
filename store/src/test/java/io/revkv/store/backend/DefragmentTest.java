package io.revkv.store.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Online defragmentation on a real RocksDB: space of deleted records comes back, live data stays. */
class DefragmentTest {

    private static final int RECORDS = 4000;
    private static final byte[] VALUE = new byte[2048];

    @TempDir
    Path dir;

    static {
        // Incompressible enough that sizes reflect the data (LZ4 would squeeze a constant value away).
        for (int i = 0; i < VALUE.length; i++) {
            VALUE[i] = (byte) (i * 31 + (i >> 3) * 17);
        }
    }

    private static byte[] key(int i) {
        return String.format("k%06d", i).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] value(int i) {
        byte[] v = Arrays.copyOf(VALUE, VALUE.length);
        v[0] = (byte) i;
        v[1] = (byte) (i >> 8);
        return v;
    }

    private static void writeThenDeleteMost(Backend backend) {
        for (int i = 0; i < RECORDS; i += 100) {
            try (Batch batch = backend.batch()) {
                for (int j = i; j < i + 100; j++) {
                    batch.put(Bucket.KEY, key(j), value(j));
                }
                batch.commit();
            }
        }
        backend.defragment(); // everything on disk, as after a long life
        try (Batch batch = backend.batch()) {
            for (int i = 0; i < RECORDS; i++) {
                if (i % 20 != 0) {
                    batch.delete(Bucket.KEY, key(i));
                }
            }
            batch.commit();
        }
    }

    @Test
    void sizeShrinksToAboutTheLiveDataAndLiveRecordsStay() {
        try (Backend backend = Backend.open(dir)) {
            writeThenDeleteMost(backend);
            long before = backend.size();
            DefragReport report = backend.defragment();
            assertThat(report.sizeBefore()).isEqualTo(before);
            assertThat(report.sizeAfter()).isEqualTo(backend.size());
            // 1 record in 20 is live: the file shrinks by far more than half, down to about what is in use.
            assertThat(report.sizeAfter()).isLessThan(before / 4);
            assertThat(backend.sizeInUse()).isBetween(backend.size() * 9 / 10, backend.size());
            try (ReadSnapshot snapshot = backend.snapshot()) {
                List<BucketEntry> left = snapshot.range(Bucket.KEY, null, null, RECORDS);
                assertThat(left).hasSize(RECORDS / 20);
                assertThat(snapshot.get(Bucket.KEY, key(20))).isEqualTo(value(20));
            }
        }
    }

    @Test
    void pointDeletesCountAsFreeBeforeTheDefragmentation() {
        try (Backend backend = Backend.open(dir)) {
            writeThenDeleteMost(backend);
            long inMemtables = backend.sizeInUse();
            backend.flush();
            long size = backend.size();
            long inUse = backend.sizeInUse();
            // Each tombstone hides one put: 1 in 20 records is live, in memtables and in SST files alike.
            assertThat(inUse).as("in use %d of %d", inUse, size).isLessThan(size / 10).isPositive();
            assertThat(inMemtables).isLessThan(size / 10).isPositive();
        }
    }

    @Test
    void rangeTombstonesAreSeenThroughTheLiveEntriesOrTheLiveByteCount() {
        try (Backend backend = Backend.open(dir)) {
            writeThenDeleteMost(backend);
            backend.defragment();
            long size = backend.size();
            try (Batch batch = backend.batch()) {
                batch.deleteRange(Bucket.KEY, key(0), key(RECORDS)).commit();
            }
            backend.flush();
            // RocksDB cannot say how many records one range tombstone covers: a scan of what is live can.
            assertThat(backend.sizeInUse()).isLessThan(size / 4);
            // The layer above may count instead (and is then trusted): here it claims everything is live.
            backend.countLiveBytes(Bucket.KEY, () -> Long.MAX_VALUE);
            assertThat(backend.sizeInUse()).isGreaterThan(size * 9 / 10);
        }
    }

    @Test
    void listenersHearOfEachDefragmentation() {
        try (Backend backend = Backend.open(dir)) {
            List<DefragReport> reports = new CopyOnWriteArrayList<>();
            backend.onDefragment(reports::add);
            writeThenDeleteMost(backend);
            DefragReport report = backend.defragment();
            assertThat(reports).hasSize(2).endsWith(report);
        }
    }

    @Test
    void writesCommittedDuringADefragmentationAreKept() throws Exception {
        try (Backend backend = Backend.open(dir)) {
            writeThenDeleteMost(backend);
            Thread defrag = new Thread(backend::defragment);
            defrag.start();
            for (int i = 0; i < 200; i++) {
                try (Batch batch = backend.batch()) {
                    batch.put(Bucket.META, key(i), value(i)).commit();
                }
            }
            defrag.join();
            try (ReadSnapshot snapshot = backend.snapshot()) {
                assertThat(snapshot.range(Bucket.META, null, null, 1000)).hasSize(200);
            }
        }
    }
}
