package io.revkv.operator.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PromQL of the chart's Grafana dashboard and the metric names it reads: every panel target's {@code expr} and
 * every template variable's query ({@code label_values(metric{...}, label)}).
 */
public final class DashboardQueries {

    /** The dashboard, relative to the repository's root. */
    public static final String FILE = "helm/revkv-operator/dashboards/revkv-operator.json";

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_:][A-Za-z0-9_:]*");
    /** PromQL's keywords: aggregation modifiers, vector matching, set operators. */
    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right", "bool", "and", "or", "unless", "offset");

    private DashboardQueries() {
    }

    public static JsonNode chartDashboard(Path repoRoot) throws IOException {
        return new ObjectMapper().readTree(Files.readString(repoRoot.resolve(FILE)));
    }

    /** Every PromQL expression of the dashboard: panel targets (rows' nested panels too) and variables' queries. */
    public static List<String> expressions(JsonNode dashboard) {
        List<String> expressions = new ArrayList<>();
        collectTargets(dashboard.path("panels"), expressions);
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if ("query".equals(variable.path("type").asText())) {
                JsonNode query = variable.path("query");
                expressions.add(query.isObject() ? query.path("query").asText() : query.asText());
            }
        }
        return expressions;
    }

    private static void collectTargets(JsonNode panels, List<String> into) {
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                into.add(target.path("expr").asText());
            }
            collectTargets(panel.path("panels"), into);
        }
    }

    public static Set<String> metricNames(JsonNode dashboard) {
        Set<String> names = new TreeSet<>();
        expressions(dashboard).forEach(e -> names.addAll(metricNames(e)));
        return names;
    }

    /**
     * The metric names in one expression: identifiers outside label matchers, strings, ranges and grouping clauses
     * that are neither a function (followed by a parenthesis) nor a keyword. {@code label_values(m, label)} names m.
     */
    static Set<String> metricNames(String promql) {
        String s = promql.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
                .replaceAll("label_values\\(\\s*([A-Za-z_:][A-Za-z0-9_:]*)\\s*,[^)]*\\)", "$1")
                .replaceAll("\\$\\{?[A-Za-z_][A-Za-z0-9_]*}?", " ");
        Set<String> names = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(s);
        while (m.find()) {
            String word = m.group();
            boolean call = s.substring(m.end()).stripLeading().startsWith("(");
            boolean number = m.start() > 0 && Character.isDigit(s.charAt(m.start() - 1));
            if (!call && !number && !KEYWORDS.contains(word)) {
                names.add(word);
            }
        }
        return names;
    }
}
