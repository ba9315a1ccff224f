package io.revkv.bench.command;

import io.revkv.bench.compare.CompareRun;
import java.util.List;
import java.util.Map;

/** The figures of the under-load scenario runs, one line per run, side by side for etcd and revkv. */
final class ScenarioTable {
    private ScenarioTable() {
    }

    static String format(List<CompareRun> runs, List<String> scenarios) {
        StringBuilder out = new StringBuilder();
        for (CompareRun run : runs) {
            if (!scenarios.contains(run.workload())) {
                continue;
            }
            out.append(String.format("%-22s %-6s round %d: ", run.workload(), run.target(), run.round()));
            out.append(run.report() == null ? "failed (" + run.error() + ")" : figures(run.report().figures()));
            out.append('\n');
        }
        return out.toString();
    }

    private static String figures(Map<String, Object> figures) {
        StringBuilder line = new StringBuilder();
        figures.forEach((k, v) -> line.append(k).append('=').append(v).append("  "));
        return line.toString().trim();
    }
}
