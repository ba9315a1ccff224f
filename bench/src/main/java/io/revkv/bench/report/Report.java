package io.revkv.bench.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one subcommand measured: its measured sections in order (e.g. {@code put}, or {@code baseline} and
 * {@code during-compaction}) and scenario figures that are not latencies (e.g. {@code defragSeconds}). This is the
 * JSON document {@code --json} writes and {@code compare} reads back.
 *
 * @param command   the subcommand
 * @param endpoints the endpoints it drove
 * @param options   the options that shape the load (clients, conns, rate, sizes)
 * @param sections  measured sections by name, in the order they ran
 * @param figures   other numbers of the scenario, by name
 * @param firstError the first failure seen, or null
 */
public record Report(String command, List<String> endpoints, Map<String, Object> options,
                     Map<String, Stats> sections, Map<String, Object> figures, String firstError) {

    public static Report of(String command, List<String> endpoints, Map<String, Object> options) {
        return new Report(command, endpoints, options, new LinkedHashMap<>(), new LinkedHashMap<>(), null);
    }

    public Report section(String name, Stats stats) {
        sections.put(name, stats);
        return this;
    }

    public Report figure(String name, Object value) {
        figures.put(name, value);
        return this;
    }

    public Report withFirstError(Throwable error) {
        return error == null ? this
                : new Report(command, endpoints, options, sections, figures, String.valueOf(error));
    }
}
