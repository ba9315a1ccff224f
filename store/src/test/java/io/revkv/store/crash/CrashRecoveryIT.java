package io.revkv.store.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.revkv.testing.RevkvProcess;
import io.revkv.store.failpoint.Failpoints;
import io.revkv.testing.ServerProcesses;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A store process dies at the worst moments (SIGKILL in the middle of a stream of puts, right after its Raft log was
 * purged, or halted inside a physical compaction) and is restarted on the same data directory: every acknowledged
 * write is there, the revision and the compact revision are as before, and an interrupted compaction finishes.
 */
class CrashRecoveryIT {

    private static final String HISTORY = "hist/";
    private static final Duration COMPACTION_BUDGET = Duration.ofSeconds(60);
    private static final Duration PURGE_BUDGET = Duration.ofSeconds(120);

    @RegisterExtension
    final ServerProcesses servers = new ServerProcesses();

    private final Path dir = Path.of("target/compat/CrashRecoveryIT");

    @Test
    void acknowledgedPutsSurviveKillDashNine() throws Exception {
        RevkvProcess store = servers.revkv("acked");
        AckedWrites writes = new AckedWrites(store.channel(), 4).start();
        while (writes.count() < 150) {
            Thread.sleep(20);
        }
        Thread.sleep(500);
        store.kill();
        writes.awaitWriters();

        store.startAndAwaitReady();
        StoreProbe probe = new StoreProbe(store.channel());
        Map<String, String> found = probe.readPrefix("crash/", 0);
        assertThat(writes.count()).as("acknowledged puts before the kill").isGreaterThan(150);
        // A put that was in flight at the kill may or may not have landed; an acknowledged one must have, and a
        // later acknowledged value for a key must have replaced every earlier one.
        assertThat(writes.lostIn(found)).as("acknowledged puts lost").isEmpty();
        assertThat(probe.currentRevision()).isGreaterThanOrEqualTo(writes.highestRevision());
        assertThat(store.log()).doesNotContain("applying a replicated request failed");
    }

    /**
     * The backend writes no WAL: after the kill it holds what the last snapshot flushed, the Raft log has been purged
     * up to that snapshot, and everything acknowledged since must come back from the rest of the log.
     */
    @Test
    void acknowledgedPutsSurviveKillDashNineRightAfterTheRaftLogWasPurged() throws Exception {
        RevkvProcess store = new RevkvProcess("purged", dir, "--snapshot-count", "200");
        servers.track(store);
        // 8 KiB values fill an 8 MB log segment in about a thousand puts; snapshots every 200 then purge it.
        AckedWrites writes = new AckedWrites(store.channel(), 4, 8 * 1024).start();
        RaftLogSegments.awaitPurge(store.dataDir(), PURGE_BUDGET);
        store.kill();
        writes.awaitWriters();

        store.startAndAwaitReady();
        StoreProbe probe = new StoreProbe(store.channel());
        assertThat(writes.lostIn(probe.readPrefix("crash/", 0))).as("acknowledged puts lost").isEmpty();
        assertThat(probe.currentRevision()).isGreaterThanOrEqualTo(writes.highestRevision());
        assertThat(store.log()).doesNotContain("applying a replicated request failed");
    }

    @ParameterizedTest(name = "halted at {0}")
    @ValueSource(strings = {"compactAfterScheduled", "compactBetweenBatches", "compactBeforeFinished"})
    void compactionInterruptedAtEachFailpointResumesAfterRestart(String failpoint) {
        RevkvProcess store = new RevkvProcess("fp", dir, "--experimental-compaction-batch-limit", "100");
        servers.track(store.jvmOptions("-D" + Failpoints.PROPERTY + "=" + failpoint + "=halt"));
        StoreProbe probe = new StoreProbe(store.channel());
        probe.writeHistory(HISTORY, 60, 20);
        long target = probe.currentRevision();
        Map<String, String> live = probe.readPrefix(HISTORY, 0);

        assertThatThrownBy(() -> probe.compact(target, true)).isInstanceOf(StatusRuntimeException.class);
        store.kill();
        store.jvmOptions().startAndAwaitReady();

        assertResumedAndFinished(store, target, live);
    }

    @Test
    void killDashNineDuringPhysicalCompactionLosesNothingAndTheCompactionFinishes() throws Exception {
        RevkvProcess store = new RevkvProcess("kill", dir, "--experimental-compaction-batch-limit", "50");
        servers.track(store);
        StoreProbe probe = new StoreProbe(store.channel());
        probe.writeHistory(HISTORY, 200, 20);
        long target = probe.currentRevision();
        Map<String, String> live = probe.readPrefix(HISTORY, 0);

        // 4000 records in batches of 50 with 10 ms pauses take over 0.8 s: the kill lands while the deletion runs,
        // after the compaction was applied (the compact revision is raised before the deletion starts).
        CompletableFuture<Void> compaction = CompletableFuture.runAsync(() -> probe.compact(target, true));
        while (probe.compactRevision() != target) {
            Thread.sleep(5);
        }
        Thread.sleep(100);
        store.kill();
        assertThat(compaction).failsWithin(Duration.ofSeconds(30));
        store.startAndAwaitReady();

        assertResumedAndFinished(store, target, live);
    }

    private static void assertResumedAndFinished(RevkvProcess store, long target, Map<String, String> live) {
        store.awaitLogLine(Pattern.compile("finished scheduled compaction at " + target + "\\b"), COMPACTION_BUDGET);
        StoreProbe probe = new StoreProbe(store.channel());
        assertThat(probe.currentRevision()).as("revision after restart").isEqualTo(target);
        assertThat(probe.compactRevision()).as("compact revision after restart").isEqualTo(target);
        assertThat(probe.readPrefix(HISTORY, 0)).as("live data").isEqualTo(live);
        assertThat(probe.readPrefix(HISTORY, target)).as("data at the compact revision").isEqualTo(live);
        assertThatThrownBy(() -> probe.readPrefix(HISTORY, target - 1))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.OUT_OF_RANGE);
                    assertThat(e.getStatus().getDescription())
                            .isEqualTo("etcdserver: mvcc: required revision has been compacted");
                });
    }
}
