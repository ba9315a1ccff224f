package io.revkv.bench.command;

import com.google.protobuf.ByteString;
import io.revkv.bench.load.Connections;
import io.revkv.bench.load.Keys;
import io.revkv.bench.load.LoadOptions;
import io.revkv.bench.load.LoadRunner;
import io.revkv.bench.load.Operation;
import io.revkv.bench.load.Plan;
import io.revkv.bench.report.LatencyHistogram;
import io.revkv.bench.report.Progress;
import io.revkv.bench.report.TimedSamples;
import io.revkv.proto.etcdserverpb.CompactionRequest;
import io.revkv.proto.etcdserverpb.KVGrpc;
import io.revkv.proto.etcdserverpb.MaintenanceGrpc;
import io.revkv.proto.etcdserverpb.RangeRequest;
import io.revkv.proto.etcdserverpb.StatusRequest;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * What the under-load scenarios share: preloading history, a paced probe that keeps every sample with its due time
 * (running in the background while the scenario does its maintenance call), and a few one-off requests.
 */
final class Scenario {
    /** Upper bound of a probe that the scenario stops itself. */
    private static final Duration PROBE_CAP = Duration.ofHours(1);

    private final LoadOptions options;
    private final Connections connections;
    private final ByteString value;

    Scenario(LoadOptions options, Connections connections) {
        this.options = options;
        this.connections = connections;
        this.value = ByteString.copyFrom(options.value());
    }

    /**
     * Writes {@code revisions} puts, cycling over the key space, as fast as {@code clients} clients go; none for 0,
     * to measure a store filled beforehand (a copy of a preloaded data dir is quicker to get than a new preload).
     */
    void preload(long revisions, int clients) throws InterruptedException {
        if (revisions == 0) {
            return;
        }
        new Preload(connections, new Keys(options.keySize, options.keySpaceSize, true), value, 1)
                .write(revisions, clients, !options.noProgress);
    }

    Operation put(Keys keys) {
        return Preload.put(connections, keys, value);
    }

    /** Even requests put, odd ones do a linearizable range of a key of the key space. */
    Operation putAndRange(Keys keys) {
        Operation put = put(keys);
        return (client, seq) -> {
            if (seq % 2 == 0) {
                put.call(client, seq);
            } else {
                KVGrpc.newBlockingStub(connections.forClient(client))
                        .range(RangeRequest.newBuilder().setKey(keys.key(seq)).build());
            }
        };
    }

    /** Starts a paced probe that runs until {@link Probe#stop()}, after an unmeasured {@code --warmup}. */
    Probe startProbe(String name, Operation operation) throws InterruptedException {
        return startProbe(name, operation, () -> { });
    }

    /**
     * The same, running {@code duringWarmup} alongside the warm-up load (or alone before the probe, without one):
     * work the measurement should find already done, such as compiling a code path on a JVM server.
     */
    Probe startProbe(String name, Operation operation, Runnable duringWarmup) throws InterruptedException {
        CompletableFuture<Void> task = CompletableFuture.runAsync(duringWarmup);
        if (!options.warmup.isZero()) {
            new LoadRunner(Plan.forDuration(options.clients, options.warmup, rate()), operation,
                    new LatencyHistogram()).run();
        }
        task.join();
        TimedSamples samples = new TimedSamples();
        LoadRunner runner = new LoadRunner(Plan.forDuration(options.clients, PROBE_CAP, rate()), operation, samples);
        Progress progress = Progress.start(name, runner::completed, runner::errors, System.err, !options.noProgress);
        long start = System.nanoTime();
        CompletableFuture<Duration> done = CompletableFuture.supplyAsync(() -> {
            try {
                return runner.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } finally {
                progress.close();
            }
        });
        return new Probe(runner, samples, start, done);
    }

    /** The scenarios measure at a fixed rate; 1000/s when {@code --rate} is not given. */
    double rate() {
        return options.rate > 0 ? options.rate : 1000;
    }

    long currentRevision() {
        return KVGrpc.newBlockingStub(connections.forClient(0))
                .range(RangeRequest.newBuilder().setKey(ByteString.copyFromUtf8("bench-probe")).build())
                .getHeader().getRevision();
    }

    /** Compacts at {@code revision} and waits until the compaction has deleted what it frees ("physical"). */
    void compact(long revision) {
        KVGrpc.newBlockingStub(connections.forClient(0))
                .compact(CompactionRequest.newBuilder().setRevision(revision).setPhysical(true).build());
    }

    long dbSize() {
        return MaintenanceGrpc.newBlockingStub(connections.forClient(0)).status(StatusRequest.getDefaultInstance())
                .getDbSize();
    }

    /**
     * Runs {@code maintenance} while {@code probe} goes on: waits {@code before}, runs it, waits {@code after} and
     * until the probe has run for at least {@code atLeast}, then stops the probe, also when the maintenance fails.
     */
    static Window around(Probe probe, Duration before, Runnable maintenance, Duration after, Duration atLeast)
            throws InterruptedException {
        try {
            Thread.sleep(before.toMillis());
            long from = System.nanoTime();
            maintenance.run();
            long to = System.nanoTime();
            Thread.sleep(after.toMillis());
            long left = probe.startNanos() + atLeast.toNanos() - System.nanoTime();
            Thread.sleep(Math.max(0, left / 1_000_000));
            return new Window(from, to, probe.stop());
        } finally {
            probe.stop();
        }
    }

    /**
     * When a maintenance call was outstanding, in {@link System#nanoTime()} terms, and the probe's wall time.
     */
    record Window(long fromNanos, long toNanos, Duration probeWall) {
        double seconds() {
            return (toNanos - fromNanos) / 1e9;
        }

        double probeSeconds() {
            return probeWall.toNanos() / 1e9;
        }
    }

    /** A running probe. */
    record Probe(LoadRunner runner, TimedSamples samples, long startNanos, CompletableFuture<Duration> done) {
        /** Stops sending and waits for the requests in flight; returns the probe's wall time. Idempotent. */
        Duration stop() {
            runner.stop();
            return done.join();
        }
    }
}
