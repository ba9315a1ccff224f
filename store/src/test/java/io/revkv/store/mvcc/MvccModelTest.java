package io.revkv.store.mvcc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.TextFormat;
import io.revkv.store.errors.EtcdException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Randomized model-based test: random write txns (puts, deletes, ranges), reads at random revisions, compactions
 * and reopenings of the store, each step mirrored on {@link StoreModel}, with named invariants checked after every
 * step. A failure names its seed, step and operation; the same seed replays the same run exactly.
 */
class MvccModelTest {
    static final int STEPS = 250;
    static final ByteString ALL = ByteString.copyFrom(new byte[] {0});
    /** Few keys, so that they collide; bytes above 0x7f to catch signed comparisons. */
    static final List<ByteString> KEYS = List.of(key(0x01), key('a'), key('a', 0), key('a', 'b'), key('b'),
            key('c', 'd'), key(0x80), key(0xff), key(0xff, 0xff));

    @TempDir
    Path dir;
    private Random random;
    private StoreHarness h;
    private StoreModel model;
    private long lastRevision;

    private static ByteString key(int... bytes) {
        byte[] key = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            key[i] = (byte) bytes[i];
        }
        return ByteString.copyFrom(key);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 17, 42, 20260611})
    void storeBehavesLikeTheModel(long seed) {
        random = new Random(seed);
        model = new StoreModel();
        lastRevision = 1;
        String step = "open";
        try (StoreHarness harness = new StoreHarness(dir, new CompactionSettings(4, Duration.ZERO))) {
            h = harness;
            for (int i = 0; i < STEPS; i++) {
                step = i + ": " + randomStep();
                checkInvariants();
            }
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("seed " + seed + ", step " + step + ": " + e.getMessage(), e);
        }
    }

    private String randomStep() {
        int dice = random.nextInt(100);
        if (dice < 55) {
            return writeTxn();
        }
        if (dice < 85) {
            return read();
        }
        if (dice < 96) {
            return compact();
        }
        h.reopen();
        return "reopen";
    }

    private String writeTxn() {
        StringBuilder ops = new StringBuilder("txn");
        StoreModel.Txn expected = model.begin();
        try (WriteTxn actual = h.write()) {
            for (int n = 1 + random.nextInt(4); n > 0; n--) {
                ops.append(' ').append(writeOp(expected, actual));
            }
        }
        expected.end();
        return ops.toString();
    }

    private String writeOp(StoreModel.Txn expected, WriteTxn actual) {
        ByteString key = randomKey();
        int dice = random.nextInt(10);
        if (dice < 5) {
            ByteString value = ByteString.copyFromUtf8("v" + random.nextInt(1000));
            long lease = random.nextInt(3);
            expected.put(key, value, lease);
            actual.put(key, value, lease);
            return "put(" + show(key) + ")";
        }
        ByteString end = randomEnd();
        if (dice < 7) {
            assertThat(actual.deleteRange(key, end)).as("txn deletes").isEqualTo(expected.deleteRange(key, end));
            return "delete(" + show(key) + ", " + show(end) + ")";
        }
        RangeOptions options = randomOptions(actual.currentRevision() + 1);
        assertThat(outcome(() -> actual.range(key, end, options))).as("txn range equals the model")
                .isEqualTo(outcome(() -> expected.range(key, end, options)));
        return "range(" + show(key) + ", " + show(end) + ", " + options + ")";
    }

    private String read() {
        ByteString key = randomKey();
        ByteString end = randomEnd();
        RangeOptions options = randomOptions(model.currentRevision());
        try (ReadTxn txn = h.store().read()) {
            assertThat(outcome(() -> txn.range(key, end, options)))
                    .as("range equals the model, compacted/future errors exactly when expected, count matches")
                    .isEqualTo(outcome(() -> model.range(key, end, options)));
        }
        return "read(" + show(key) + ", " + show(end) + ", " + options + ")";
    }

    private String compact() {
        long window = model.currentRevision() - model.compactRevision();
        long rev = model.compactRevision() - 2 + random.nextInt((int) window + 4);
        Object expected = outcome(() -> {
            model.compact(rev);
            return "compacted";
        });
        Object actual = outcome(() -> {
            h.store().compact(rev, 0);
            return "compacted";
        });
        assertThat(actual).as("compaction errors exactly when expected").isEqualTo(expected);
        return "compact(" + rev + ")";
    }

    private void checkInvariants() {
        long current = h.store().currentRevision();
        assertThat(current).as("revision never decreases").isGreaterThanOrEqualTo(lastRevision);
        lastRevision = current;
        assertThat(current).as("current revision equals the model").isEqualTo(model.currentRevision());
        assertThat(h.store().compactRevision()).as("compact revision equals the model")
                .isEqualTo(model.compactRevision());
        for (long rev = Math.max(1, model.compactRevision()); rev <= current; rev++) {
            RangeOptions options = new RangeOptions(0, rev, false);
            assertThat(h.range("\u0001", ALL, rev))
                    .as("every key at every readable revision equals the model, rev %d", rev)
                    .isEqualTo(model.range(KEYS.get(0), ALL, options));
        }
    }

    private static String show(ByteString bytes) {
        return '"' + TextFormat.escapeBytes(bytes) + '"';
    }

    private ByteString randomKey() {
        return KEYS.get(random.nextInt(KEYS.size()));
    }

    private ByteString randomEnd() {
        int dice = random.nextInt(3);
        return dice == 0 ? ByteString.EMPTY : dice == 1 ? ALL : randomKey();
    }

    /** A revision around the readable window: below the compact revision, in it, current, future, or 0/negative. */
    private RangeOptions randomOptions(long readRev) {
        long low = Math.max(-1, model.compactRevision() - 2);
        long revision = low + random.nextInt((int) (readRev - low) + 3);
        return new RangeOptions(random.nextInt(4), revision, random.nextInt(5) == 0);
    }

    /** A result or the kind of failure, so that expected and actual compare either way. */
    private static Object outcome(Supplier<Object> action) {
        try {
            return action.get();
        } catch (EtcdException e) {
            return e.error();
        }
    }
}
