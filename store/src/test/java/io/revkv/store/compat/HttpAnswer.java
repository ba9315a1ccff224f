package io.revkv.store.compat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One answer of a server's plain HTTP endpoints ({@code /health}, {@code /livez}, {@code /readyz}, {@code /metrics}),
 * as a probe (kubelet, a load balancer, curl) sees it.
 *
 * @param status      the HTTP status
 * @param contentType the Content-Type header, "" when absent
 * @param body        the body, byte for byte as UTF-8 text
 */
public record HttpAnswer(int status, String contentType, String body) {

    /** HTTP/1.1, as kubelet probes: the JDK client's h2c upgrade to a metrics listener once hung past its timeout. */
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern JSON_FIELD = Pattern.compile("\"(\\w+)\":\"([^\"]*)\"");

    /** {@code method} on {@code url}, waiting at most 20 s for the answer (etcd's probe reads time out at 7 s). */
    public static HttpAnswer send(String method, String url) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            return new HttpAnswer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + url + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public static HttpAnswer get(String url) {
        return send("GET", url);
    }

    /**
     * The fields of a flat JSON object of strings, such as etcd's {@code {"health":"true","reason":""}}, in order;
     * fails unless the body is exactly such an object (plus the newline Go's http.Error appends).
     */
    public Map<String, String> jsonFields() {
        String json = body.endsWith("\n") ? body.substring(0, body.length() - 1) : body;
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher field = JSON_FIELD.matcher(json);
        StringBuilder rebuilt = new StringBuilder("{");
        while (field.find()) {
            fields.put(field.group(1), field.group(2));
            rebuilt.append(rebuilt.length() > 1 ? "," : "").append(field.group());
        }
        if (!rebuilt.append('}').toString().equals(json)) {
            throw new AssertionError("not a flat JSON object of strings: " + body);
        }
        return fields;
    }
}
