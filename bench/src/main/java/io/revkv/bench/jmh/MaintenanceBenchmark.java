package io.revkv.bench.jmh;

import io.revkv.store.mvcc.CompactionSettings;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
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
 * a compaction of all of them (index and disk, paced by {@code sleepMs} after each batch of 1000), its applied part
 * alone (what a write applied after it waits for), and reopening the store (rebuilding the index from disk).
 * {@code order} says how the preload picks its keys: {@code cyclic} (the revisions a compaction keeps are the last
 * ones, in one run) or {@code random} (fixed seed; they are scattered over the history).
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

    @Param("10")
    int sleepMs;

    @Param({"cyclic", "random"})
    String order;

    private EngineFixture engine;

    @Setup(Level.Invocation)
    public void setUp() {
        engine = new EngineFixture(new CompactionSettings(1000, Duration.ofMillis(sleepMs)));
        engine.preload(keys, versions, order.equals("random") ? new Random(42) : null);
    }

    @TearDown(Level.Invocation)
    public void tearDown() {
        engine.close();
    }

    @Benchmark
    public void compactAll() {
        engine.compact(engine.store().currentRevision());
    }

    /** The compaction's disk deletion is left running: closing the store in the tear-down stops it. */
    @Benchmark
    public CompletableFuture<Void> compactApply() {
        return engine.startCompaction(engine.store().currentRevision());
    }

    @Benchmark
    public long reopen() {
        engine.reopen();
        return engine.store().currentRevision();
    }
}
