package io.revkv.bench.compare;

import io.revkv.bench.report.Stats;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * revkv-to-etcd ratios per cluster shape, workload and client count, from the first section of each run, averaged over rounds.
 * A throughput ratio above 1 and a latency ratio below 1 favour revkv.
 */
public final class Ratios {
    private Ratios() {
    }

    /**
     * @param cluster the cluster shape ({@link CompareRun#cluster()})
     * @param etcd  mean throughput / p50 / p99 of etcd (NaN when every run failed)
     * @param revkv the same for revkv
     */
    public record Row(String cluster, String workload, int clients, double etcdThroughput, double revkvThroughput,
                      double throughputRatio, double etcdP50Ms, double revkvP50Ms, double p50Ratio,
                      double etcdP99Ms, double revkvP99Ms, double p99Ratio) {
    }

    public static List<Row> rows(List<CompareRun> runs) {
        Set<String> keys = new LinkedHashSet<>();
        runs.forEach(r -> keys.add(r.cluster() + "\u0000" + r.workload() + "\u0000" + r.clients()));
        List<Row> rows = new ArrayList<>();
        for (String key : keys) {
            String[] parts = key.split("\u0000");
            rows.add(row(runs, parts[0], parts[1], Integer.parseInt(parts[2])));
        }
        return rows;
    }

    static Row row(List<CompareRun> runs, String cluster, String workload, int clients) {
        List<CompareRun> shaped = runs.stream().filter(r -> r.cluster().equals(cluster)).toList();
        double et = mean(shaped, "etcd", workload, clients, Stats::throughput);
        double rt = mean(shaped, "revkv", workload, clients, Stats::throughput);
        double e50 = mean(shaped, "etcd", workload, clients, Stats::p50Ms);
        double r50 = mean(shaped, "revkv", workload, clients, Stats::p50Ms);
        double e99 = mean(shaped, "etcd", workload, clients, Stats::p99Ms);
        double r99 = mean(shaped, "revkv", workload, clients, Stats::p99Ms);
        return new Row(cluster, workload, clients, et, rt, rt / et, e50, r50, r50 / e50, e99, r99, r99 / e99);
    }

    /** Mean of a figure of the first section over the successful runs; NaN if none. */
    static double mean(List<CompareRun> runs, String target, String workload, int clients,
                       ToDoubleFunction<Stats> figure) {
        OptionalDouble mean = runs.stream()
                .filter(r -> r.target().equals(target) && r.workload().equals(workload) && r.clients() == clients)
                .filter(r -> r.report() != null && !r.report().sections().isEmpty())
                .mapToDouble(r -> figure.applyAsDouble(r.report().sections().values().iterator().next()))
                .average();
        return mean.orElse(Double.NaN);
    }

    public static String table(List<Row> rows) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "%-9s %-16s %7s %12s %12s %8s %10s %10s %8s %10s %10s %8s%n", "members", "workload", "clients", "etcd req/s",
                "revkv req/s", "ratio", "etcd p50", "revkv p50", "ratio", "etcd p99", "revkv p99", "ratio"));
        for (Row r : rows) {
            out.append(String.format(Locale.ROOT,
                    "%-9s %-16s %7d %12.1f %12.1f %8.2f %10.3f %10.3f %8.2f %10.3f %10.3f %8.2f%n", r.cluster(),
                    r.workload(),
                    r.clients(), r.etcdThroughput(), r.revkvThroughput(), r.throughputRatio(), r.etcdP50Ms(),
                    r.revkvP50Ms(), r.p50Ratio(), r.etcdP99Ms(), r.revkvP99Ms(), r.p99Ratio()));
        }
        return out.toString();
    }
}
