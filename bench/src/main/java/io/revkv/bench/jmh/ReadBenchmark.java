package io.revkv.bench.jmh;

import com.google.protobuf.ByteString;
import io.revkv.store.mvcc.RangeOptions;
import io.revkv.store.mvcc.RangeResult;
import io.revkv.store.mvcc.ReadTxn;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reads of a store preloaded with {@code keys} keys of {@code versions} revisions each: a single-key index lookup
 * (count only: the index answers, no value is read) and a 100-key range scan with values.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class ReadBenchmark {
    private static final ByteString NO_END = ByteString.EMPTY;

    @Param("100000")
    int keys;

    @Param("4")
    int versions;

    private EngineFixture engine;

    @Setup(Level.Trial)
    public void setUp() {
        engine = new EngineFixture();
        engine.preload(keys, versions);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        engine.close();
    }

    @Benchmark
    public long indexLookup() {
        ByteString key = EngineFixture.key(ThreadLocalRandom.current().nextInt(keys));
        try (ReadTxn txn = engine.store().read()) {
            return txn.range(key, NO_END, new RangeOptions(0, 0, true)).count();
        }
    }

    @Benchmark
    public RangeResult rangeScan100() {
        int first = ThreadLocalRandom.current().nextInt(Math.max(1, keys - 100));
        try (ReadTxn txn = engine.store().read()) {
            return txn.range(EngineFixture.key(first), EngineFixture.key(first + 100), RangeOptions.CURRENT);
        }
    }
}
