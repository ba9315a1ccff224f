package io.revkv.store.api.http;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.revkv.store.config.StoreConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The client port ({@code --listen-client-urls}): Vert.x servers of revkv's own, one per event loop, that serve
 * Quarkus' router (gRPC, {@code /metrics}, the probes) with the options Quarkus built for its HTTP(S) server.
 * revkv's own, because only a server created here takes a connection handler, which the client port needs
 * ({@link SchemeInAuthority}); Quarkus' server keeps running out of the way, on an ephemeral loopback port.
 *
 * <p>etcd's client certificate authentication is applied here too: Quarkus fixes
 * {@code quarkus.http.ssl.client-auth} when the application is built, so the runtime flag is set on the options.
 */
@Singleton
public class ClientListeners implements HttpServerOptionsCustomizer {

    private static final Logger LOG = Logger.getLogger(ClientListeners.class);

    private final StoreConfig config;
    private final Vertx vertx;
    private final List<HttpServer> servers = new ArrayList<>();
    private HttpServerOptions clientPort;
    private Router router;

    public ClientListeners(StoreConfig config, Vertx vertx) {
        this.config = config;
        this.vertx = vertx;
    }

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        if (!config.clientTls()) {
            takeOver(options);
        }
    }

    @Override
    public void customizeHttpsServer(HttpServerOptions options) {
        if (config.clientCertAuth()) {
            options.setClientAuth(ClientAuth.REQUIRED);
        }
        if (config.clientTls()) {
            takeOver(options);
        }
    }

    private synchronized void takeOver(HttpServerOptions options) {
        clientPort = new HttpServerOptions(options);
        options.setHost("127.0.0.1").setPort(0);
        startOnceReady();
    }

    synchronized void router(@Observes Router router) {
        this.router = router;
        startOnceReady();
    }

    /** Quarkus builds its router, then its servers' options, as its HTTP server starts (after {@link StartupEvent}). */
    private void startOnceReady() {
        if (clientPort == null || router == null || !servers.isEmpty()) {
            return;
        }
        List<CompletableFuture<HttpServer>> listening = new ArrayList<>();
        // Created outside any Vert.x context, each server takes the next event loop, and Vert.x hands the port's
        // connections to them in turn, as it does to the instances of Quarkus' own server.
        vertx.nettyEventLoopGroup().forEach(loop -> listening.add(vertx.createHttpServer(clientPort)
                .connectionHandler(SchemeInAuthority::install)
                .requestHandler(router)
                .listen().toCompletionStage().toCompletableFuture()));
        listening.forEach(server -> servers.add(server.orTimeout(30, TimeUnit.SECONDS).join()));
        LOG.infof("serving clients on %s:%d (%s)", clientPort.getHost(), servers.get(0).actualPort(),
                clientPort.isSsl() ? "https" : "http");
    }

    synchronized void stop(@Observes ShutdownEvent event) {
        servers.forEach(HttpServer::close);
    }
}
