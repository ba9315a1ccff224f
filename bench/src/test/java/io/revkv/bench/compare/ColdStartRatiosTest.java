package io.revkv.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ColdStartRatiosTest {

    private static ColdStartRun run(String server, int members, int round, double firstServedMs, Double... rates) {
        return new ColdStartRun(server, members, round, firstServedMs, List.of(rates), 0, 100L << 20);
    }

    private static FigureRatios.Row row(List<FigureRatios.Row> rows, int members, String figure) {
        return rows.stream().filter(r -> r.scenario().equals("m" + members) && r.figure().equals(figure)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + members + " " + figure + " in " + rows));
    }

    @Test
    void aRunsFiguresAreTimeToServeEachWindowTheWarmMeanAndMemory() {
        ColdStartRun run = run("revkv", 1, 1, 850, 4000.0, 9000.0, 11000.0);
        assertThat(run.figures()).containsExactly(
                java.util.Map.<String, Number>entry("firstServedMs", 850.0),
                java.util.Map.entry("window1PutsPerSec", 4000.0),
                java.util.Map.entry("window2PutsPerSec", 9000.0),
                java.util.Map.entry("window3PutsPerSec", 11000.0),
                java.util.Map.entry("warmMeanPutsPerSec", 10000.0),
                java.util.Map.entry("rssBytes", 100L << 20));
    }

    @Test
    void aSingleWindowHasNoWarmFigure() {
        assertThat(run("etcd", 1, 1, 100, 5000.0).figures()).doesNotContainKey("warmMeanPutsPerSec");
    }

    @Test
    void theRatioIsTheMedianOverRoundsOfRevkvOverEtcdOfTheSameRound() {
        // Round 2 is disturbed for revkv; the median of 0.5, 0.1 and 0.8 is 0.5, where a mean would say 0.47.
        List<ColdStartRun> runs = List.of(
                run("etcd", 1, 1, 100, 10000.0, 10000.0), run("revkv", 1, 1, 1000, 5000.0, 10000.0),
                run("etcd", 1, 2, 100, 10000.0, 10000.0), run("revkv", 1, 2, 1000, 1000.0, 10000.0),
                run("etcd", 1, 3, 200, 5000.0, 10000.0), run("revkv", 1, 3, 1000, 4000.0, 12000.0));
        List<FigureRatios.Row> rows = ColdStartRatios.rows(runs);
        FigureRatios.Row cold = row(rows, 1, "window1PutsPerSec");
        assertThat(cold.ratio()).isEqualTo(0.5);
        assertThat(cold.etcd()).isEqualTo(10000.0);
        assertThat(cold.revkv()).isEqualTo(4000.0);
        assertThat(row(rows, 1, "warmMeanPutsPerSec").ratio()).isEqualTo(1.0);
        // revkv / etcd of time to serve: 10, 10, 5; above 1 means revkv serves later.
        assertThat(row(rows, 1, "firstServedMs").ratio()).isEqualTo(10.0);
        assertThat(row(rows, 1, "rssBytes").ratio()).isEqualTo(1.0);
    }

    @Test
    void anEvenNumberOfRoundsTakesTheMeanOfTheTwoMiddleRatios() {
        List<ColdStartRun> runs = List.of(
                run("etcd", 3, 1, 100, 1000.0), run("revkv", 3, 1, 100, 800.0),
                run("etcd", 3, 2, 100, 1000.0), run("revkv", 3, 2, 100, 1200.0));
        assertThat(row(ColdStartRatios.rows(runs), 3, "window1PutsPerSec").ratio()).isEqualTo(1.0);
        assertThat(ColdStartRatios.median(List.of(3.0, 1.0, 2.0, 10.0))).isEqualTo(2.5);
        assertThat(ColdStartRatios.median(List.of())).isNaN();
    }

    @Test
    void roundsArePairedByNumberAndARoundOneServerMissedHasNoRatio() {
        List<ColdStartRun> runs = List.of(
                run("etcd", 1, 1, 100, 1000.0), run("revkv", 1, 1, 100, 2000.0),
                run("etcd", 1, 2, 100, 1000.0));
        FigureRatios.Row cold = row(ColdStartRatios.rows(runs), 1, "window1PutsPerSec");
        assertThat(cold.ratio()).isEqualTo(2.0);
        assertThat(ColdStartRatios.rows(List.of(run("etcd", 1, 1, 100, 1000.0))).get(0).ratio()).isNaN();
    }

    @Test
    void rowsComePerClusterSizeInRunOrderAndNameTheirReportFigures() {
        List<ColdStartRun> runs = List.of(
                run("etcd", 3, 1, 100, 1000.0), run("revkv", 3, 1, 150, 1000.0),
                run("etcd", 1, 1, 100, 1000.0), run("revkv", 1, 1, 50, 1000.0));
        List<FigureRatios.Row> rows = ColdStartRatios.rows(runs);
        assertThat(rows).extracting(FigureRatios.Row::scenario).containsExactly("m3", "m3", "m3", "m1", "m1", "m1");
        assertThat(ColdStartRatios.figures(rows)).containsEntry("m3.firstServedMs.ratio", 1.5)
                .containsEntry("m1.firstServedMs.ratio", 0.5).containsKey("m1.window1PutsPerSec.ratio");
        assertThat(FigureRatios.table(rows)).contains("window1PutsPerSec", "1.50", "0.50");
    }
}
