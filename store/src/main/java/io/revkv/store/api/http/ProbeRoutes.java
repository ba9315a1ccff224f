package io.revkv.store.api.http;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The probe endpoints on a Vert.x router, answering as etcd 3.5's Go handlers do:
 * <ul>
 *   <li>{@code GET /health[?exclude=NOSPACE][&serializable=true]}: 200 with the JSON
 *       {@code {"health":"true","reason":""}}; 503 with the failing JSON and a newline;</li>
 *   <li>{@code GET /livez}, {@code /readyz} (all checks but {@code ?exclude=<check>}) and {@code /livez/<check>},
 *       {@code /readyz/<check>} (that check alone): 200 {@code ok\n}, preceded by the check lines when
 *       {@code ?verbose} is present; 503 with the check lines and a newline (failures are always detailed).</li>
 * </ul>
 * Any other method gets 405 {@code Method Not Allowed} with {@code Allow: GET}. Error bodies end with a newline
 * and come with {@code X-Content-Type-Options: nosniff}, as Go's {@code http.Error} writes them.
 */
final class ProbeRoutes {

    private static final String TEXT = "text/plain; charset=utf-8";

    private ProbeRoutes() {
    }

    static void install(Router router, HealthChecks checks) {
        exact(router, "/health", request -> checks.health(Set.copyOf(queryList(request, "exclude")),
                "true".equals(request.queryParams().get("serializable"))), ProbeRoutes::writeHealth);
        install(router, "/livez", checks.livez());
        install(router, "/readyz", checks.readyz());
    }

    private static void install(Router router, String root, CheckRegistry registry) {
        exact(router, root, request -> registry.runAllExcept(new HashSet<>(queryList(request, "exclude"))),
                ProbeRoutes::writeChecks);
        for (String name : registry.names()) {
            exact(router, root + "/" + name, request -> registry.run(List.of(name)), ProbeRoutes::writeChecks);
        }
    }

    /** Serves {@code path} exactly (Vert.x would also match it with a trailing slash, Go's mux does not). */
    private static <T> void exact(Router router, String path, Function<RoutingContext, CompletableFuture<T>> probe,
                                  Writer<T> writer) {
        router.route(path).handler(request -> {
            if (!request.request().path().equals(path)) {
                request.next();
                return;
            }
            if (request.request().method() != HttpMethod.GET) {
                request.response().putHeader("Allow", "GET");
                error(request.response(), 405, "Method Not Allowed");
                return;
            }
            Context context = Vertx.currentContext();
            probe.apply(request).whenComplete((result, failure) -> context.runOnContext(ignored -> {
                if (failure != null) {
                    error(request.response(), 500, HealthChecks.errorText(failure));
                } else {
                    writer.write(request, result);
                }
            }));
        });
    }

    private static void writeHealth(RoutingContext request, Health health) {
        if (!health.healthy()) {
            error(request.response(), 503, health.json());
            return;
        }
        request.response().setStatusCode(200).putHeader("Content-Type", TEXT).end(health.json());
    }

    private static void writeChecks(RoutingContext request, CheckRegistry.Report report) {
        if (!report.ok()) {
            error(request.response(), 503, report.details());
            return;
        }
        String verbose = request.queryParams().contains("verbose") ? report.details() : "";
        request.response().setStatusCode(200).putHeader("Content-Type", TEXT)
                .putHeader("X-Content-Type-Options", "nosniff").end(verbose + "ok\n");
    }

    /** Go's {@code http.Error}: plain text, nosniff, the message and a newline. */
    private static void error(HttpServerResponse response, int status, String message) {
        response.setStatusCode(status).putHeader("Content-Type", TEXT).putHeader("X-Content-Type-Options", "nosniff")
                .end(message + "\n");
    }

    /** Every non-empty value of a repeated query parameter, as etcd's getQuerySet collects them. */
    private static List<String> queryList(RoutingContext request, String name) {
        return request.queryParams().getAll(name).stream().filter(value -> !value.isEmpty()).toList();
    }

    @FunctionalInterface
    private interface Writer<T> {
        void write(RoutingContext request, T result);
    }
}
