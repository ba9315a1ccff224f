package io.revkv.store.api.http;

import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.revkv.store.config.StoreConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code --listen-metrics-urls}: extra plain-HTTP listeners that serve {@code /metrics} (the same scrape as the
 * client port's) and, as etcd's do, the probes ({@code /health}, {@code /livez}, {@code /readyz}). Quarkus'
 * management interface would move {@code /metrics} off the client port, where etcd also serves it, and has a single,
 * build-time-enabled port, so these are small Vert.x servers of their own.
 */
@Singleton
public class MetricsListeners {

    private final List<HttpServer> servers = new ArrayList<>();

    void start(@Observes StartupEvent event, StoreConfig config, Vertx vertx, PrometheusMeterRegistry registry,
               HealthChecks checks) {
        for (String url : config.listenMetricsUrls().orElse(List.of())) {
            servers.add(listen(URI.create(url.trim()), vertx, registry, checks));
        }
    }

    private static HttpServer listen(URI url, Vertx vertx, PrometheusMeterRegistry registry, HealthChecks checks) {
        if (!"http".equals(url.getScheme())) {
            throw new IllegalArgumentException("--listen-metrics-urls: revkv serves metrics over http only, got " + url);
        }
        Router router = Router.router(vertx);
        router.get("/metrics").handler(request -> request.response()
                .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(registry.scrape()));
        ProbeRoutes.install(router, checks);
        return vertx.createHttpServer().requestHandler(router).listen(url.getPort(), url.getHost())
                .toCompletionStage().toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).join();
    }

    void stop(@Observes ShutdownEvent event) {
        servers.forEach(HttpServer::close);
    }
}
