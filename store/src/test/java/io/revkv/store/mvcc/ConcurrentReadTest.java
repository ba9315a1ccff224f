package io.revkv.store.mvcc;

import static io.revkv.store.mvcc.StoreHarness.ALL;
import static io.revkv.store.mvcc.StoreHarness.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.revkv.proto.mvccpb.KeyValue;
import io.revkv.store.errors.EtcdError;
import io.revkv.store.errors.EtcdException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readers racing a writer and compactions. Every txn of the writer rewrites all {@value #KEYS} keys with one value
 * (half of them after deleting the whole range first, which leaves tombstones and new generations), so a reader
 * that sees fewer keys, or keys of two different txns, saw a half txn or lost a key to a compaction.
 */
class ConcurrentReadTest {
    static final int KEYS = 10;
    static final int TXNS = 400;

    @TempDir
    Path dir;

    private final Queue<String> violations = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean writing = new AtomicBoolean(true);
    private final AtomicLong reads = new AtomicLong();

    @Test
    void readersNeverSeeAHalfTxnOrAMissingKey() throws InterruptedException {
        try (StoreHarness h = new StoreHarness(dir, new CompactionSettings(7, Duration.ZERO))) {
            writeAll(h, 0, false);
            CountDownLatch readersDone = new CountDownLatch(2);
            CountDownLatch readersReading = new CountDownLatch(2);
            for (int r = 0; r < 2; r++) {
                Thread reader = new Thread(() -> readUntilWritesEnd(h.store(), readersReading, readersDone),
                        "reader-" + r);
                reader.start();
            }
            // On a loaded machine the readers may start late: the race only counts once they read, and the writer
            // goes on (up to 20 times longer) until enough reads overlapped its txns.
            assertThat(readersReading.await(30, TimeUnit.SECONDS)).isTrue();
            for (int txn = 1; txn <= TXNS || (reads.get() <= TXNS / 10 && txn <= 20 * TXNS); txn++) {
                writeAll(h, txn, txn % 2 == 0);
                if (txn % 25 == 0) {
                    h.store().compact(h.store().currentRevision() - 3, 0);
                }
            }
            writing.set(false);
            assertThat(readersDone.await(30, TimeUnit.SECONDS)).isTrue();
            h.store().lastCompaction().join();
        }
        assertThat(violations).isEmpty();
        assertThat(reads).as("reads that overlapped the writes").hasValueGreaterThan(TXNS / 10);
    }

    private static void writeAll(StoreHarness h, int value, boolean deleteFirst) {
        try (WriteTxn txn = h.write()) {
            if (deleteFirst) {
                txn.deleteRange(bytes("k"), bytes("l"));
            }
            for (int k = 0; k < KEYS; k++) {
                txn.put(bytes("k" + k), bytes(Integer.toString(value)), 0);
            }
        }
    }

    private void readUntilWritesEnd(KvStore store, CountDownLatch reading, CountDownLatch done) {
        try {
            long lastSeen = 0;
            reading.countDown();
            while (writing.get()) {
                try (ReadTxn txn = store.read()) {
                    assertTrue(txn.currentRevision() >= lastSeen, "revision went back from " + lastSeen);
                    lastSeen = txn.currentRevision();
                    checkWhole(txn, 0);
                    checkWhole(txn, Math.max(txn.compactRevision(), txn.currentRevision() - 5));
                    reads.incrementAndGet();
                }
            }
        } catch (RuntimeException | AssertionError e) {
            violations.add(Thread.currentThread().getName() + ": " + e);
        } finally {
            done.countDown();
        }
    }

    /** A compaction after the view opened may make an old revision unreadable, never partially readable. */
    private void checkWhole(ReadTxn txn, long revision) {
        RangeResult result;
        try {
            result = txn.range(bytes("k"), ALL, new RangeOptions(0, revision, false));
        } catch (EtcdException e) {
            if (e.error() != EtcdError.COMPACTED) {
                throw e;
            }
            return;
        }
        List<KeyValue> kvs = result.kvs();
        assertTrue(kvs.size() == KEYS && result.count() == KEYS, "saw " + kvs.size() + " keys at " + revision);
        long mods = kvs.stream().map(KeyValue::getModRevision).distinct().count();
        long values = kvs.stream().map(KeyValue::getValue).distinct().count();
        assertTrue(mods == 1 && values == 1, "saw a half txn at " + revision + ": " + kvs);
    }

    private void assertTrue(boolean condition, String violation) {
        if (!condition) {
            violations.add(Thread.currentThread().getName() + ": " + violation);
        }
    }
}
