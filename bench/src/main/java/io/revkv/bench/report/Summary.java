package io.revkv.bench.report;

import java.util.Locale;
import java.util.Map;

/** The human summary of a {@link Report}: one block per section, then the scenario figures. */
public final class Summary {
    private Summary() {
    }

    public static String format(Report report) {
        StringBuilder out = new StringBuilder();
        out.append(report.command()).append(" against ").append(String.join(",", report.endpoints()))
                .append(' ').append(report.options()).append('\n');
        report.sections().forEach((name, stats) -> out.append(section(name, stats)));
        if (!report.figures().isEmpty()) {
            out.append("figures:\n");
            for (Map.Entry<String, Object> e : report.figures().entrySet()) {
                out.append("  ").append(e.getKey()).append(": ").append(e.getValue()).append('\n');
            }
        }
        if (report.firstError() != null) {
            out.append("first error: ").append(report.firstError()).append('\n');
        }
        return out.toString();
    }

    static String section(String name, Stats s) {
        return String.format(Locale.ROOT, """
                [%s]
                  requests:   %d ok, %d errors in %.2f s
                  throughput: %.1f req/s
                  latency ms: mean %.3f  p50 %.3f  p90 %.3f  p99 %.3f  p99.9 %.3f  max %.3f
                """, name, s.count(), s.errors(), s.seconds(), s.throughput(), s.meanMs(), s.p50Ms(), s.p90Ms(),
                s.p99Ms(), s.p999Ms(), s.maxMs());
    }
}
