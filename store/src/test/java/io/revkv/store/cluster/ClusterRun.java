package io.revkv.store.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.revkv.testing.ClusterConvergence;
import io.revkv.testing.LoopbackCluster;
import io.revkv.testing.RegisterWorkload;
import io.revkv.testing.ServerProcess;
import io.revkv.testing.linearizability.Operation;
import io.revkv.testing.linearizability.Reply;
import io.revkv.testing.linearizability.Verdict;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One scenario: a started revkv cluster, a {@link RegisterWorkload} over all its endpoints, and a timeline of what
 * the test did (printed with the verdict, so a failure shows which fault came when). The workload's seed is fixed
 * per scenario, overridable with {@code -Dcluster.seed}, and printed. {@code -Dcluster.server=etcd} runs the same
 * scenario against etcd 3.4 members instead, to tell a revkv bug from a test bug.
 */
final class ClusterRun implements AutoCloseable {

    static final Duration LEADER_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(4);
    private static final Duration CATCH_UP = Duration.ofSeconds(60);
    private static final Duration PROGRESS_TIMEOUT = Duration.ofSeconds(30);
    /**
     * Keys the workload spreads over. The checker searches each key's history alone, and a key's search grows fast
     * with the writes of unknown outcome a fault leaves: with 4 keys (about 400 operations each) a 5-member kill gave
     * a search that did not end in 16 minutes.
     */
    private static final int KEYS = 32;

    private final LoopbackCluster cluster;
    private final RegisterWorkload workload;
    /** Noted from the test thread and from threads it starts (e.g. a leader mover). */
    private final List<String> timeline = new CopyOnWriteArrayList<>();
    private final long origin = System.nanoTime();

    private ClusterRun(LoopbackCluster cluster, int clients, long seed) {
        this.cluster = cluster;
        this.workload = new RegisterWorkload(cluster.endpoints(), clients, KEYS, seed, REQUEST_TIMEOUT);
    }

    /** Starts {@code members} revkv (or etcd) members and then {@code clients} clients with the scenario's seed. */
    static ClusterRun start(Class<?> test, String scenario, int members, int clients, long defaultSeed) {
        long seed = Long.getLong("cluster.seed", defaultSeed);
        Path dir = Path.of("target", "compat", test.getSimpleName(), scenario);
        LoopbackCluster cluster = "etcd".equals(System.getProperty("cluster.server"))
                ? LoopbackCluster.etcd(members, dir) : LoopbackCluster.revkv(members, dir);
        try {
            cluster.start();
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        ClusterRun run = new ClusterRun(cluster, clients, seed);
        run.note("cluster of " + members + " started: " + cluster + "; workload seed " + seed);
        run.workload.start();
        return run;
    }

    /** The scenario's seed (the workload's): other random choices of the test derive from it to replay as well. */
    long seed() {
        return workload.seed();
    }

    LoopbackCluster cluster() {
        return cluster;
    }

    ServerProcess leader() {
        ServerProcess leader = cluster.awaitLeader(LEADER_TIMEOUT);
        note("leader " + leader.name());
        return leader;
    }

    /** Lets the workload run; returns the time it ended ({@link System#nanoTime()}). */
    long load(Duration duration) {
        sleep(duration);
        workload.assertNoClientCrashed();
        return System.nanoTime();
    }

    /** Records a step of the scenario on its timeline and returns when it was noted. */
    long note(String what) {
        long now = System.nanoTime();
        timeline.add(String.format("%9.3f ms  %s", (now - origin) / 1e6, what));
        return now;
    }

    /** Acknowledged writes invoked in {@code [from, to]} that were also acknowledged by {@code to}. */
    List<Operation> writesAcknowledgedWithin(long from, long to) {
        return workload.history().operations().stream()
                .filter(op -> op.writes() && op.invokedAt() >= from && op.completedAt() <= to)
                .filter(op -> op.reply() instanceof Reply.Done
                        || op.reply() instanceof Reply.Swapped s && s.swapped())
                .toList();
    }

    /**
     * Waits until a write invoked after {@code from} is acknowledged: the cluster makes progress again. Clients
     * whose requests went to (or were forwarded to) a dead or paused member wait out their deadline first, so this
     * can take a request timeout and more. Notes how long it took; fails after {@link #PROGRESS_TIMEOUT}.
     */
    void awaitProgressAfter(long from) {
        long deadline = System.nanoTime() + PROGRESS_TIMEOUT.toNanos();
        while (writesAcknowledgedWithin(from, Long.MAX_VALUE - 1).isEmpty()) {
            assertThat(System.nanoTime()).as("no write acknowledged within " + PROGRESS_TIMEOUT + "\n" + report())
                    .isLessThan(deadline);
            sleep(Duration.ofMillis(50));
            workload.assertNoClientCrashed();
        }
        long first = writesAcknowledgedWithin(from, Long.MAX_VALUE - 1).stream().mapToLong(Operation::completedAt)
                .min().orElseThrow();
        note(String.format("writes acknowledged again %.0f ms after it", (first - from) / 1e6));
    }

    /**
     * Stops the workload, then checks: the members converge to one revision, each holds every acknowledged write
     * at its revision, HashKV agrees there, no write was applied twice, and the history is linearizable.
     */
    void finish() {
        note("workload stopping");
        workload.stop();
        List<Operation> operations = workload.history().operations();
        long unknown = operations.stream().filter(Operation::unknown).count();
        note(operations.size() + " operations, " + workload.acknowledgedWrites().size() + " writes acknowledged, "
                + unknown + " with unknown outcome, " + workload.failures() + " failed requests "
                + workload.failureKinds());
        assertThat(workload.acknowledgedWrites()).as(report()).isNotEmpty();
        long revision = ClusterConvergence.awaitSameRevision(cluster.members(), CATCH_UP);
        note("every member at revision " + revision);
        ClusterConvergence.assertAcknowledgedWritesPresent(cluster.members(), workload.acknowledgedWrites());
        note("every acknowledged write on every member");
        ClusterConvergence.assertSameHashKv(cluster.members(), revision);
        note("HashKV equal at revision " + revision);
        ClusterConvergence.assertNoWriteAppliedTwice(cluster.member(0), RegisterWorkload.KEY_PREFIX);
        note("no write applied twice");
        Verdict verdict = workload.history().check();
        note(verdict.linearizable() ? "linearizable" : "NOT linearizable");
        System.out.println(report() + "\n" + verdict.describe());
        assertThat(verdict.linearizable()).as(report() + "\n" + verdict.describe()).isTrue();
    }

    /**
     * Asserts that no request failed with gRPC's UNKNOWN: etcd clients retry etcd's Unavailable errors, not that
     * (a transport failure passed on as UNKNOWN "UNAVAILABLE: io exception" was one).
     */
    void assertNoUnknownFailure() {
        assertThat(workload.failureKinds().keySet()).as(report()).noneMatch(kind -> kind.startsWith("UNKNOWN"));
    }

    String report() {
        return "scenario (seed " + workload.seed() + ", replay with -Dcluster.seed=" + workload.seed() + "):\n  "
                + String.join("\n  ", timeline) + "\n  logs under " + cluster.member(0).workDir().getParent();
    }

    @Override
    public void close() {
        try {
            workload.close();
        } finally {
            cluster.close();
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
