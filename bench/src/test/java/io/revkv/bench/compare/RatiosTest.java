package io.revkv.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;

import io.revkv.bench.report.Report;
import io.revkv.bench.report.Stats;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RatiosTest {

    private static CompareRun run(String target, int clients, int round, double throughput, double p99) {
        Report report = Report.of("put", List.of("x:1"), Map.of())
                .section("put", new Stats(100, 0, 1, throughput, 1, 2, 3, p99, p99, p99));
        return new CompareRun(target, "put", clients, round, report, null);
    }

    @Test
    void ratiosAreRevkvOverEtcdOfTheMeansOverRounds() {
        List<CompareRun> runs = List.of(run("etcd", 8, 0, 1000, 10), run("revkv", 8, 0, 1500, 4),
                run("etcd", 8, 1, 3000, 30), run("revkv", 8, 1, 2500, 8));
        Ratios.Row row = Ratios.rows(runs).get(0);
        assertThat(row.etcdThroughput()).isEqualTo(2000);
        assertThat(row.revkvThroughput()).isEqualTo(2000);
        assertThat(row.throughputRatio()).isEqualTo(1.0);
        assertThat(row.p99Ratio()).isEqualTo(0.3);
        assertThat(Ratios.table(List.of(row))).contains("put", "2000.0", "1.00", "0.30");
    }

    @Test
    void aFailedRunLeavesItsSideEmptyInsteadOfCountingAsZero() {
        List<CompareRun> runs = List.of(run("etcd", 1, 0, 1000, 10),
                new CompareRun("revkv", "put", 1, 0, null, "exit code 1"));
        Ratios.Row row = Ratios.rows(runs).get(0);
        assertThat(row.revkvThroughput()).isNaN();
        assertThat(row.throughputRatio()).isNaN();
    }

    @Test
    void oneRowPerWorkloadAndClientCountInRunOrder() {
        List<CompareRun> runs = List.of(run("etcd", 1, 0, 1, 1), run("revkv", 1, 0, 1, 1),
                run("etcd", 16, 0, 1, 1), run("revkv", 16, 0, 1, 1));
        assertThat(Ratios.rows(runs)).extracting(Ratios.Row::clients).containsExactly(1, 16);
    }
}
