package io.revkv.bench.compare;

import io.revkv.bench.report.Stats;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;

/**
 * The comparison as one PNG: throughput vs clients, p99 latency vs clients, and the latency percentiles at the
 * highest client count, a line per workload and target (etcd solid, revkv dashed, one colour per workload).
 */
public final class ComparePlot {
    private static final int WIDTH = 640;
    private static final int HEIGHT = 480;
    /** p50, p90, p99, p99.9 as "nines", -log10(1 - p), so that the tail percentiles get room on the axis. */
    private static final double[] NINES = {Math.log10(2), 1, 2, 3};

    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
        new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2)};

    private ComparePlot() {
    }

    /** A line per series ({@link CompareRun#series()}: the workload, with the cluster shape beyond one member). */
    public static void write(List<CompareRun> shapedRuns, Path png) throws IOException {
        List<CompareRun> runs = shapedRuns.stream().map(r -> new CompareRun(r.target(), r.series(), r.clients(),
                r.round(), r.report(), r.error())).toList();
        System.setProperty("java.awt.headless", "true");
        XYChart throughput = chart("Throughput", "clients", "req/s");
        XYChart p99 = chart("p99 latency", "clients", "ms");
        XYChart percentiles = chart("Latency percentiles at max clients", "nines: 0.3=p50 1=p90 2=p99 3=p99.9",
                "ms");
        List<String> workloads = workloads(runs);
        for (String target : List.of("etcd", "revkv")) {
            for (String workload : workloads) {
                add(throughput, runs, workload, target, Stats::throughput);
                add(p99, runs, workload, target, Stats::p99Ms);
                addPercentiles(percentiles, runs, workload, target);
            }
        }
        for (XYChart chart : List.of(throughput, p99, percentiles)) {
            chart.getSeriesMap().values().forEach(series -> style(series, workloads));
        }
        List<XYChart> charts = List.of(throughput, p99, percentiles);
        BitmapEncoder.saveBitmap(charts, 1, charts.size(), png.toString(), BitmapFormat.PNG);
    }

    private static XYChart chart(String title, String x, String y) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(x).yAxisTitle(y)
                .build();
        chart.getStyler().setLegendVisible(true);
        return chart;
    }

    private static List<String> workloads(List<CompareRun> runs) {
        Set<String> names = new LinkedHashSet<>();
        runs.forEach(r -> names.add(r.workload()));
        return List.copyOf(names);
    }

    private static void add(XYChart chart, List<CompareRun> runs, String workload, String target,
                            ToDoubleFunction<Stats> figure) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int clients : clientCounts(runs, workload)) {
            double y = Ratios.mean(runs, target, workload, clients, figure);
            if (!Double.isNaN(y)) {
                xs.add((double) clients);
                ys.add(y);
            }
        }
        if (!xs.isEmpty()) {
            chart.addSeries(workload + " " + target, xs, ys);
        }
    }

    private static void addPercentiles(XYChart chart, List<CompareRun> runs, String workload, String target) {
        List<Integer> counts = clientCounts(runs, workload);
        int clients = counts.get(counts.size() - 1);
        List<ToDoubleFunction<Stats>> figures = List.of(Stats::p50Ms, Stats::p90Ms, Stats::p99Ms, Stats::p999Ms);
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int i = 0; i < figures.size(); i++) {
            double y = Ratios.mean(runs, target, workload, clients, figures.get(i));
            if (!Double.isNaN(y)) {
                xs.add(NINES[i]);
                ys.add(y);
            }
        }
        if (!xs.isEmpty()) {
            chart.addSeries(workload + " " + target + " (" + clients + " clients)", xs, ys);
        }
    }

    /** Series are named "workload target[ (n clients)]": the workload picks the colour, the target the line. */
    private static void style(XYSeries series, List<String> workloads) {
        String[] name = series.getName().split(" ");
        Color colour = PALETTE[workloads.indexOf(name[0]) % PALETTE.length];
        series.setLineColor(colour);
        series.setMarkerColor(colour);
        series.setLineStyle(name[1].equals("etcd") ? SeriesLines.SOLID : SeriesLines.DASH_DASH);
    }

    private static List<Integer> clientCounts(List<CompareRun> runs, String workload) {
        return runs.stream().filter(r -> r.workload().equals(workload)).map(CompareRun::clients).distinct()
                .sorted().toList();
    }
}
