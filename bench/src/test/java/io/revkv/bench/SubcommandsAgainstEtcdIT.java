package io.revkv.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.revkv.bench.compare.Launcher;
import io.revkv.bench.compare.Server;
import io.revkv.bench.report.JsonReports;
import io.revkv.bench.report.Report;
import io.revkv.bench.report.Stats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every subcommand but {@code put} and {@code compare} (covered by the smoke ITs) runs briefly against the real
 * etcd 3.4, which implements every RPC they use, and reports sane sections and figures.
 */
class SubcommandsAgainstEtcdIT {
    private static final Path WORK = Path.of("target", "it", "subcommands").toAbsolutePath();
    private static Server etcd;

    @BeforeAll
    static void startEtcd() throws Exception {
        etcd = Server.start("etcd", Launcher.of(List.of("/usr/bin/etcd")), Files.createDirectories(WORK));
    }

    @AfterAll
    static void stopEtcd() {
        etcd.close();
    }

    private static Report run(String name, String... args) throws Exception {
        Path json = WORK.resolve(name + ".json");
        Files.deleteIfExists(json);
        List<String> full = new ArrayList<>(List.of(args));
        full.addAll(List.of("--endpoints", etcd.endpoint(), "--no-progress", "--json", json.toString()));
        assertThat(BenchMain.commandLine().execute(full.toArray(String[]::new))).as("exit code of %s", name).isZero();
        return JsonReports.read(json);
    }

    private static void assertSane(Stats s) {
        assertThat(s.count()).isPositive();
        assertThat(s.errors()).isZero();
        assertThat(s.p50Ms()).isLessThanOrEqualTo(s.p99Ms());
        assertThat(s.p99Ms()).isLessThanOrEqualTo(s.maxMs());
    }

    @Test
    void rangeBothConsistenciesAndTxnPut() throws Exception {
        assertSane(run("range-l", "range", "--preload", "--key-space-size", "20", "--total", "50").sections()
                .get("range"));
        assertSane(run("range-s", "range", "--consistency", "s", "--total", "50").sections().get("range"));
        Report txn = run("txn-put", "txn-put", "--txn-ops", "3", "--key-space-size", "10", "--total", "20");
        assertSane(txn.sections().get("txn-put"));
        assertThat(txn.options()).containsEntry("txnOps", 3);
    }

    @Test
    void watchDeliversEveryPutToEveryWatcher() throws Exception {
        Report watch = run("watch", "watch", "--watchers", "6", "--streams", "2", "--total", "30", "--clients", "2");
        assertSane(watch.sections().get("watch"));
        assertSane(watch.sections().get("watch-event"));
        assertThat(watch.figures()).containsEntry("expectedEvents", 180).containsEntry("receivedEvents", 180);
    }

    @Test
    void leaseKeepaliveRoundTrips() throws Exception {
        assertSane(run("lease", "lease-keepalive", "--clients", "2", "--total", "40").sections()
                .get("lease-keepalive"));
    }

    @Test
    void compactionUnderLoadTakesItsBaselineBeforeAndAfterTheCompaction() throws Exception {
        Path samples = WORK.resolve("compaction-samples.csv");
        long startedMs = System.currentTimeMillis();
        Report r = run("compaction", "compaction-under-load", "--preload-revisions", "500", "--key-space-size", "50",
                "--rate", "50", "--duration", "1s", "--clients", "4", "--warmup", "300ms",
                "--warmup-compaction", "10", "--samples", samples.toString());
        assertSane(r.sections().get("before-compaction"));
        assertSane(r.sections().get("after-compaction"));
        assertSane(r.sections().get("baseline"));
        assertSane(r.sections().get("whole-run"));
        assertThat(r.sections().get("baseline").count())
                .isEqualTo(r.sections().get("before-compaction").count() + r.sections().get("after-compaction").count());
        assertThat(r.figures()).containsKeys("p99BaselineMs", "p99DuringCompactionMs", "compactionSeconds");
        long compactRevision = ((Number) r.figures().get("compactRevision")).longValue();
        long warmupRevision = ((Number) r.figures().get("warmupCompactRevision")).longValue();
        assertThat(compactRevision).isGreaterThanOrEqualTo(500);
        assertThat(warmupRevision).as("a tenth of the history before the warm-up").isBetween(50L, compactRevision / 5);

        List<String> lines = Files.readAllLines(samples);
        assertThat(lines.get(0)).isEqualTo("due_epoch_ms,latency_ms,ok");
        assertThat(lines).hasSize(1 + (int) r.sections().get("whole-run").count());
        assertThat(lines.subList(1, lines.size())).allSatisfy(line -> {
            String[] fields = line.split(",");
            assertThat(Double.parseDouble(fields[0])).isBetween((double) startedMs, (double) System.currentTimeMillis());
            assertThat(fields[2]).isEqualTo("true");
        });
    }

    @Test
    void defragUnderLoadReportsTheDefragWindow() throws Exception {
        Report r = run("defrag", "defrag-under-load", "--preload-revisions", "500", "--key-space-size", "50",
                "--rate", "50", "--before", "500ms", "--after", "500ms", "--clients", "4");
        assertSane(r.sections().get("whole-run"));
        assertThat(r.sections()).containsKeys("before-defrag", "during-defrag", "after-defrag");
        assertThat(((Number) r.figures().get("defragSeconds")).doubleValue()).isPositive();
        assertThat(((Number) r.figures().get("dbSizeBefore")).longValue()).isPositive();
    }
}
