package io.revkv.bench.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * revkv-to-etcd ratios of {@code coldstart}'s figures per cluster size: for each figure, the median over rounds of
 * revkv's value over etcd's value of the same round (the two ran one after the other on the same machine state),
 * beside each server's own median. The median, not the mean: with a few rounds on a shared machine one disturbed
 * round should not move the figure. A rate ratio above 1 and a time or memory ratio below 1 favour revkv.
 */
public final class ColdStartRatios {
    private ColdStartRatios() {
    }

    /**
     * A row per cluster size and figure, sizes in the order they ran, figures in {@link ColdStartRun#figures()}'s;
     * in {@link FigureRatios}' rows and table, the "scenario" being the cluster size ({@link #sizeLabel}), the
     * servers' figures their medians over rounds (NaN if none) and the ratio the median of the rounds' ratios (NaN if
     * no round ran on both).
     */
    public static List<FigureRatios.Row> rows(List<ColdStartRun> runs) {
        List<FigureRatios.Row> rows = new ArrayList<>();
        for (int size : runs.stream().map(ColdStartRun::members).distinct().toList()) {
            List<ColdStartRun> sized = runs.stream().filter(r -> r.members() == size).toList();
            for (String figure : sized.get(0).figures().keySet()) {
                rows.add(new FigureRatios.Row(sizeLabel(size), figure, median(values(sized, "etcd", figure)),
                        median(values(sized, "revkv", figure)), median(pairedRatios(sized, figure))));
            }
        }
        return rows;
    }

    /** How figures name a cluster size: {@code m1}, {@code m3}. */
    public static String sizeLabel(int members) {
        return "m" + members;
    }

    private static List<Double> values(List<ColdStartRun> runs, String server, String figure) {
        return runs.stream().filter(r -> r.server().equals(server))
                .map(r -> r.figures().get(figure)).filter(Objects::nonNull).map(Number::doubleValue).toList();
    }

    /** revkv / etcd of each round that both servers ran. */
    private static List<Double> pairedRatios(List<ColdStartRun> runs, String figure) {
        List<Double> ratios = new ArrayList<>();
        for (ColdStartRun revkv : runs) {
            if (!revkv.server().equals("revkv")) {
                continue;
            }
            runs.stream().filter(e -> e.server().equals("etcd") && e.round() == revkv.round()).findFirst()
                    .ifPresent(etcd -> {
                        Number r = revkv.figures().get(figure);
                        Number e = etcd.figures().get(figure);
                        if (r != null && e != null) {
                            ratios.add(r.doubleValue() / e.doubleValue());
                        }
                    });
        }
        return ratios;
    }

    /** The middle value, or the mean of the two middle ones; NaN for none. */
    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int mid = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(mid) : (sorted.get(mid - 1) + sorted.get(mid)) / 2;
    }

    /** The ratio figures for the report, e.g. {@code m1.window1PutsPerSec.ratio}. */
    public static Map<String, Double> figures(List<FigureRatios.Row> rows) {
        Map<String, Double> out = new LinkedHashMap<>();
        rows.forEach(r -> out.put(r.scenario() + "." + r.figure() + ".ratio", r.ratio()));
        return out;
    }
}
