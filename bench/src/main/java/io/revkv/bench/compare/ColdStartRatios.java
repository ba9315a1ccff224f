package io.revkv.bench.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
     * One figure of one cluster size.
     *
     * @param etcd  etcd's median over its rounds (NaN if none)
     * @param revkv revkv's median over its rounds (NaN if none)
     * @param ratio median over the rounds both ran of revkv / etcd (NaN if none)
     */
    public record Row(int members, String figure, double etcd, double revkv, double ratio) {
    }

    /** A row per cluster size and figure, sizes in the order they ran, figures in {@link ColdStartRun#figures()}'s. */
    public static List<Row> rows(List<ColdStartRun> runs) {
        List<Row> rows = new ArrayList<>();
        for (int size : runs.stream().map(ColdStartRun::members).distinct().toList()) {
            List<ColdStartRun> sized = runs.stream().filter(r -> r.members() == size).toList();
            for (String figure : sized.get(0).figures().keySet()) {
                rows.add(new Row(size, figure, median(values(sized, "etcd", figure)),
                        median(values(sized, "revkv", figure)), median(pairedRatios(sized, figure))));
            }
        }
        return rows;
    }

    private static List<Double> values(List<ColdStartRun> runs, String server, String figure) {
        return runs.stream().filter(r -> r.server().equals(server))
                .map(r -> r.figures().get(figure)).filter(Objects::nonNull).toList();
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
                        Double r = revkv.figures().get(figure);
                        Double e = etcd.figures().get(figure);
                        if (r != null && e != null) {
                            ratios.add(r / e);
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

    /** The rows as a table, one line each. */
    public static String table(List<Row> rows) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-8s %-22s %16s %16s %8s%n",
                "members", "figure", "etcd", "revkv", "ratio"));
        for (Row r : rows) {
            out.append(String.format(Locale.ROOT, "%-8d %-22s %16.1f %16.1f %8.2f%n", r.members(), r.figure(),
                    r.etcd(), r.revkv(), r.ratio()));
        }
        return out.toString();
    }

    /** The ratio figures for the report, e.g. {@code m1.window1PutsPerSec.ratio}. */
    public static Map<String, Double> figures(List<Row> rows) {
        Map<String, Double> out = new LinkedHashMap<>();
        rows.forEach(r -> out.put("m" + r.members() + "." + r.figure() + ".ratio", r.ratio()));
        return out;
    }
}
