package io.revkv.store.api.http;

import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * The probes on the client port: Quarkus' HTTP server, which also serves gRPC and {@code /metrics} there, hands its
 * router to observers when it starts.
 */
@Singleton
public class ClientPortProbes {

    void install(@Observes Router router, HealthChecks checks) {
        ProbeRoutes.install(router, checks);
    }
}
