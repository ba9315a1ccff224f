package io.revkv.bench.compare;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * revkv-to-etcd ratios of the scenarios' numeric figures (e.g. {@code rssAfterLoadBytes}), averaged over rounds. For
 * the footprint and duration figures a ratio below 1 favours revkv.
 */
public final class FigureRatios {
    private FigureRatios() {
    }

    /**
     * One figure of one scenario: here the means over the successful runs (NaN if none) and revkv / etcd of the
     * means; {@link ColdStartRatios} fills it with medians.
     */
    public record Row(String scenario, String figure, double etcd, double revkv, double ratio) {
    }

    /** A row per scenario and numeric figure, in the order the runs reported them. */
    public static List<Row> rows(List<CompareRun> runs, List<String> scenarios) {
        Set<List<String>> keys = new LinkedHashSet<>();
        for (CompareRun run : runs) {
            if (scenarios.contains(run.workload()) && run.report() != null) {
                run.report().figures().forEach((figure, value) -> {
                    if (value instanceof Number) {
                        keys.add(List.of(run.workload(), figure));
                    }
                });
            }
        }
        List<Row> rows = new ArrayList<>();
        for (List<String> key : keys) {
            double etcd = mean(runs, "etcd", key.get(0), key.get(1));
            double revkv = mean(runs, "revkv", key.get(0), key.get(1));
            rows.add(new Row(key.get(0), key.get(1), etcd, revkv, revkv / etcd));
        }
        return rows;
    }

    private static double mean(List<CompareRun> runs, String target, String scenario, String figure) {
        return runs.stream()
                .filter(r -> r.target().equals(target) && r.workload().equals(scenario) && r.report() != null)
                .map(r -> r.report().figures().get(figure))
                .filter(Number.class::isInstance)
                .mapToDouble(v -> ((Number) v).doubleValue())
                .average().orElse(Double.NaN);
    }

    public static String table(List<Row> rows) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-22s %-24s %16s %16s %8s%n",
                "scenario", "figure", "etcd", "revkv", "ratio"));
        for (Row r : rows) {
            out.append(String.format(Locale.ROOT, "%-22s %-24s %16.3f %16.3f %8.2f%n", r.scenario(), r.figure(),
                    r.etcd(), r.revkv(), r.ratio()));
        }
        return out.toString();
    }
}
