package io.revkv.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;

import io.revkv.bench.report.Report;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FigureRatiosTest {

    private static CompareRun footprint(String target, int round, long rss, double restartMs) {
        Report report = Report.of("footprint", List.of("x:1"), Map.of())
                .figure("rssAfterLoadBytes", rss)
                .figure("restartToFirstServedMs", restartMs)
                .figure("note", "not a number");
        return new CompareRun(target, "footprint", 0, round, report, null);
    }

    @Test
    void ratiosAreRevkvOverEtcdOfEachNumericFigureAveragedOverRounds() {
        List<CompareRun> runs = List.of(footprint("etcd", 0, 100, 1000), footprint("revkv", 0, 60, 300),
                footprint("etcd", 1, 300, 3000), footprint("revkv", 1, 100, 700));
        List<FigureRatios.Row> rows = FigureRatios.rows(runs, List.of("footprint"));
        assertThat(rows).extracting(FigureRatios.Row::figure)
                .containsExactly("rssAfterLoadBytes", "restartToFirstServedMs");
        assertThat(rows.get(0)).isEqualTo(new FigureRatios.Row("footprint", "rssAfterLoadBytes", 200, 80, 0.4));
        assertThat(rows.get(1).ratio()).isEqualTo(0.25);
        assertThat(FigureRatios.table(rows)).contains("rssAfterLoadBytes", "200.000", "0.40");
    }

    @Test
    void aFailedSideGivesNoRatioAndWorkloadsAreNotScenarios() {
        List<CompareRun> runs = List.of(footprint("etcd", 0, 100, 1000),
                new CompareRun("revkv", "footprint", 0, 0, null, "exit code 1"),
                new CompareRun("etcd", "put", 1, 0, Report.of("put", List.of(), Map.of())
                        .figure("x", 1), null));
        List<FigureRatios.Row> rows = FigureRatios.rows(runs, List.of("footprint"));
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).revkv()).isNaN();
        assertThat(rows.get(0).ratio()).isNaN();
    }
}
