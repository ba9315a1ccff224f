package io.revkv.bench.command;

import com.google.protobuf.ByteString;
import io.revkv.bench.compare.Cluster;
import io.revkv.bench.compare.LauncherOptions;
import io.revkv.bench.compare.Server;
import io.revkv.bench.load.Connections;
import io.revkv.bench.load.DurationConverter;
import io.revkv.bench.load.Keys;
import io.revkv.bench.load.LoadRunner;
import io.revkv.bench.load.Operation;
import io.revkv.bench.load.Plan;
import io.revkv.bench.report.LatencyHistogram;
import io.revkv.bench.report.Progress;
import io.revkv.bench.report.Report;
import io.revkv.bench.report.TimedSamples;
import io.revkv.bench.report.WriteGaps;
import io.revkv.proto.etcdserverpb.KVGrpc;
import io.revkv.proto.etcdserverpb.PutRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code leader-failover}: launches a cluster of {@code --members} of one server on loopback, runs a steady paced
 * writer whose requests go round-robin over every member's endpoint (request {@code n} to member {@code n % members},
 * as a client that tries the next endpoint after a failure), kills the leader with SIGKILL after {@code --before},
 * and goes on for {@code --after}. It reports the longest time between two successful writes, the time from the
 * kill to the first successful write sent after it, the time until the survivors agree on a new leader, and the
 * failed requests: those sent to the live members, and apart from them those sent to the killed one (which fail at
 * once, connection refused, and say nothing about the server). It launches the cluster itself because it kills a
 * member, so it takes no endpoint.
 */
@Command(name = "leader-failover", mixinStandardHelpOptions = true,
        description = "A steady writer across kill -9 of the leader of a cluster: longest gap, failed requests.")
public final class LeaderFailoverCommand implements Callable<Integer> {

    @Option(names = "--server", required = true, description = "etcd or revkv")
    String server;

    @Mixin
    LauncherOptions launcher;

    @Option(names = "--members", defaultValue = "3", description = "cluster size, at least 3 so that the "
            + "survivors keep a quorum (default: ${DEFAULT-VALUE})")
    int members;

    @Option(names = "--work-dir", defaultValue = "target/leader-failover",
            description = "where the members' data dirs and logs go (default: ${DEFAULT-VALUE})")
    Path workDir;

    @Option(names = "--clients", defaultValue = "4", description = "default: ${DEFAULT-VALUE}")
    int clients;

    @Option(names = "--rate", defaultValue = "200", description = "writes per second over all clients "
            + "(default: ${DEFAULT-VALUE})")
    double rate;

    @Option(names = "--warmup", defaultValue = "2s", converter = DurationConverter.class,
            description = "unmeasured writes before the measured ones (default: ${DEFAULT-VALUE})")
    Duration warmup;

    @Option(names = "--before", defaultValue = "2s", converter = DurationConverter.class,
            description = "measured writes before the kill (default: ${DEFAULT-VALUE})")
    Duration before;

    @Option(names = "--after", defaultValue = "5s", converter = DurationConverter.class,
            description = "measured writes after the kill (default: ${DEFAULT-VALUE})")
    Duration after;

    @Option(names = "--request-timeout", defaultValue = "1s", converter = DurationConverter.class,
            description = "deadline of each write, so that a write stuck on a member without a leader frees its "
                    + "client (default: ${DEFAULT-VALUE})")
    Duration requestTimeout;

    @Option(names = "--key-size", defaultValue = "8", description = "default: ${DEFAULT-VALUE}")
    int keySize;

    @Option(names = "--val-size", defaultValue = "256", description = "default: ${DEFAULT-VALUE}")
    int valSize;

    @Option(names = "--key-space-size", defaultValue = "10000", description = "default: ${DEFAULT-VALUE}")
    int keySpaceSize;

    @Option(names = "--json", description = "also write the results as JSON to this file")
    Path json;

    @Option(names = "--no-progress", description = "do not print the progress line on stderr")
    boolean noProgress;

    /** The member index whose writes fail because it was killed; -1 before the kill. */
    private volatile int killed = -1;
    private final AtomicLong failedOnKilled = new AtomicLong();
    /**
     * Every measured write by the time it was sent, not by its due time: a writer that falls behind its rate sends
     * late, and "sent after the kill" must mean sent after the kill. Null during the warm-up.
     */
    private volatile TimedSamples sent;

    @Override
    public Integer call() throws Exception {
        validate();
        try (Cluster cluster = Cluster.start(server, launcher.launcher(server), workDir, members);
             Connections connections = new Connections(cluster.endpoints(), members)) {
            Operation write = roundRobinPut(connections);
            new LoadRunner(Plan.forDuration(clients, warmup, rate), write, new LatencyHistogram()).run();
            Report report = Report.of("leader-failover", cluster.endpoints(), described());
            measure(cluster, write, report);
            Reports.emit(report, json);
            // A cluster whose writes never came back measured an outage, not a failover.
            return ((Number) report.figures().get("firstWriteAfterKillMs")).doubleValue() >= 0 ? 0 : 1;
        }
    }

    private void validate() {
        if (members < 3 || clients < 1 || rate <= 0 || before.isNegative() || after.isZero()) {
            throw new IllegalArgumentException("--members must be at least 3, --clients at least 1, --rate "
                    + "positive and --after longer than 0");
        }
    }

    private void measure(Cluster cluster, Operation write, Report report) throws Exception {
        TimedSamples samples = new TimedSamples();
        sent = samples;
        LoadRunner runner = new LoadRunner(Plan.forDuration(clients, before.plus(after).multipliedBy(4), rate), write,
                new LatencyHistogram());
        Progress progress = Progress.start("failover", runner::completed, runner::errors, System.err, !noProgress);
        long start = System.nanoTime();
        CompletableFuture<Void> done = CompletableFuture.runAsync(() -> run(runner, progress));
        try {
            Thread.sleep(before.toMillis());
            Server leader = cluster.leader();
            killed = cluster.members().indexOf(leader);
            long kill = System.nanoTime();
            leader.kill();
            Server next = cluster.leader();
            long elected = System.nanoTime();
            Thread.sleep(Math.max(0, (kill + after.toNanos() - System.nanoTime()) / 1_000_000));
            runner.stop();
            done.join();
            long end = System.nanoTime();
            WriteGaps gaps = samples.gaps(kill, end);
            report.section("before-kill", samples.window(start, kill))
                    .section("after-kill", samples.window(kill, end))
                    .figure("killedLeader", leader.name())
                    .figure("newLeader", next.name())
                    .figure("longestGapMs", gaps.longestGapMs())
                    .figure("firstWriteAfterKillMs", gaps.firstSuccessMs())
                    .figure("newLeaderAgreedMs", (elected - kill) / 1e6)
                    .figure("failedRequests", runner.errors() - failedOnKilled.get())
                    .figure("failedOnKilledMember", failedOnKilled.get())
                    .withFirstError(runner.firstError());
        } finally {
            runner.stop();
            done.join();
        }
    }

    private static void run(LoadRunner runner, Progress progress) {
        try {
            runner.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            progress.close();
        }
    }

    /** Request {@code seq} puts to member {@code seq % members}; a failure on the killed member is counted apart. */
    private Operation roundRobinPut(Connections connections) {
        Keys keys = new Keys(keySize, keySpaceSize, false);
        byte[] bytes = new byte[valSize];
        Arrays.fill(bytes, (byte) 'v');
        ByteString value = ByteString.copyFrom(bytes);
        return (client, seq) -> {
            int member = (int) (seq % connections.size());
            TimedSamples samples = sent;
            long start = System.nanoTime();
            try {
                KVGrpc.newBlockingStub(connections.forClient(member))
                        .withDeadlineAfter(requestTimeout.toMillis(), TimeUnit.MILLISECONDS)
                        .put(PutRequest.newBuilder().setKey(keys.key(seq)).setValue(value).build());
                record(samples, start, true);
            } catch (RuntimeException e) {
                record(samples, start, false);
                if (member == killed) {
                    failedOnKilled.incrementAndGet();
                }
                throw e;
            }
        };
    }

    private static void record(TimedSamples samples, long start, boolean ok) {
        if (samples != null) {
            samples.record(start, System.nanoTime() - start, ok);
        }
    }

    private Map<String, Object> described() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("server", server);
        out.put("members", members);
        out.put("clients", clients);
        out.put("rate", rate);
        out.put("warmup", warmup.toString());
        out.put("before", before.toString());
        out.put("after", after.toString());
        out.put("requestTimeout", requestTimeout.toString());
        out.put("keySize", keySize);
        out.put("valSize", valSize);
        out.put("keySpaceSize", keySpaceSize);
        return out;
    }
}
