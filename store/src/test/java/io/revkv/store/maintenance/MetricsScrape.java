package io.revkv.store.maintenance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** One scrape of a Prometheus text endpoint: the samples without labels, name to value. */
record MetricsScrape(String text, Map<String, Double> values) {

    /** HTTP/1.1, as Prometheus scrapes: the JDK client's h2c upgrade to a metrics listener once hung past its timeout. */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    static MetricsScrape of(String url) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + response.statusCode());
            }
            return parse(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("cannot scrape " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static MetricsScrape parse(String text) {
        Map<String, Double> values = new LinkedHashMap<>();
        text.lines().filter(line -> !line.startsWith("#") && !line.isBlank() && !line.contains("{")).forEach(line -> {
            String[] parts = line.trim().split("\\s+");
            values.put(parts[0], Double.parseDouble(parts[1]));
        });
        return new MetricsScrape(text, values);
    }

    /** Whether a metric family of that exact name is exposed (a TYPE line names it). */
    boolean hasFamily(String name) {
        return text.lines().anyMatch(line -> line.startsWith("# TYPE " + name + " "));
    }

    double value(String name) {
        Double v = values.get(name);
        if (v == null) {
            throw new AssertionError("no unlabelled sample " + name + " in:\n" + text);
        }
        return v;
    }
}
