package io.revkv.bench.command;

import io.revkv.bench.load.LoadOptions;
import io.revkv.bench.report.JsonReports;
import io.revkv.bench.report.Report;
import io.revkv.bench.report.Summary;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** How every subcommand hands its {@link Report} out: summary on stdout, JSON to {@code --json}. */
final class Reports {
    private Reports() {
    }

    static void emit(Report report, LoadOptions options) {
        emit(report, options.json);
    }

    /** @param json null for no JSON */
    static void emit(Report report, Path json) {
        System.out.print(Summary.format(report));
        System.out.flush();
        if (json != null) {
            JsonReports.write(json, report);
        }
    }

    static Map<String, Object> commonOptions(LoadOptions o) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("clients", o.clients);
        out.put("conns", o.conns);
        out.put("total", o.total);
        out.put("duration", o.duration == null ? null : o.duration.toString());
        out.put("rate", o.rate);
        out.put("keySize", o.keySize);
        out.put("valSize", o.valSize);
        out.put("keySpaceSize", o.keySpaceSize);
        out.put("sequentialKeys", o.sequentialKeys);
        return out;
    }
}
