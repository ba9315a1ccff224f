package io.revkv.bench.jmh;

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
 * The whole-store operations, one shot each on a freshly preloaded store of {@code keys * versions} revisions:
 * a compaction of all of them (index and disk), and reopening the store (rebuilding the index from disk).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class MaintenanceBenchmark {

    @Param("10000")
    int keys;

    @Param("20")
    int versions;

    private EngineFixture engine;

    @Setup(Level.Invocation)
    public void setUp() {
        engine = new EngineFixture();
        engine.preload(keys, versions);
    }

    @TearDown(Level.Invocation)
    public void tearDown() {
        engine.close();
    }

    @Benchmark
    public void compactAll() {
        engine.compact(engine.store().currentRevision());
    }

    @Benchmark
    public long reopen() {
        engine.reopen();
        return engine.store().currentRevision();
    }
}
