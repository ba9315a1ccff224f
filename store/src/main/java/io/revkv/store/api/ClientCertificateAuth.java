package io.revkv.store.api;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.revkv.store.config.StoreConfig;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import jakarta.inject.Singleton;

/**
 * etcd's client certificate authentication on the TLS client port: the TLS handshake fails for a client that shows
 * no certificate signed by {@code --trusted-ca-file}. Quarkus fixes {@code quarkus.http.ssl.client-auth} when the
 * application is built, so the runtime flag is applied here, to the options of the HTTPS server that serves gRPC.
 */
@Singleton
public class ClientCertificateAuth implements HttpServerOptionsCustomizer {

    private final StoreConfig config;

    public ClientCertificateAuth(StoreConfig config) {
        this.config = config;
    }

    @Override
    public void customizeHttpsServer(HttpServerOptions options) {
        if (config.clientCertAuth()) {
            options.setClientAuth(ClientAuth.REQUIRED);
        }
    }
}
