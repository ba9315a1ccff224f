package io.revkv.store.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * etcd's client TLS flags. They take effect, as in etcd, only when {@code --listen-client-urls} uses https: the
 * HTTP server that also serves gRPC then speaks TLS only, with the PEM certificate and key; with
 * {@code --trusted-ca-file} it demands a client certificate signed by that CA, as etcd does (etcd's
 * {@code --client-cert-auth} alone would verify client certificates against the system's CAs; revkv asks for the
 * CA file instead).
 */
final class ClientTlsFlags {

    @Option(names = "--cert-file", description = "Path to the client server TLS cert file (PEM).")
    String certFile;

    @Option(names = "--key-file", description = "Path to the client server TLS key file (PEM).")
    String keyFile;

    @Option(names = "--trusted-ca-file", description = "Path to the client server TLS trusted CA cert file (PEM).")
    String trustedCaFile;

    @Option(names = "--client-cert-auth", arity = "0..1", fallbackValue = "true", defaultValue = "false",
            description = "Enable client cert authentication.")
    boolean clientCertAuth;

    /**
     * Checks the flags for a server listening at {@code client}.
     *
     * @throws IllegalArgumentException naming the flag, in etcd's words where etcd has them
     */
    void validate(ClientUrls client) {
        if (!isTls(client)) {
            return;
        }
        if (certFile == null || keyFile == null) {
            throw new IllegalArgumentException("TLS key/cert (--cert-file, --key-file) must be provided for client url "
                    + client.scheme() + "://" + client.host() + ":" + client.port() + " with HTTPS scheme");
        }
        if (clientCertAuth && trustedCaFile == null) {
            throw new IllegalArgumentException(
                    "--client-cert-auth needs --trusted-ca-file, the CA that client certificates must be signed by");
        }
        readable("--cert-file", certFile);
        readable("--key-file", keyFile);
        if (trustedCaFile != null) {
            readable("--trusted-ca-file", trustedCaFile);
        }
    }

    /**
     * The Quarkus TLS registry and HTTP server properties for {@code client} (none for plain http), and
     * {@code revkv.client-tls} and {@code revkv.client-cert-auth}, which {@code api.http.ClientListeners} applies to
     * the client port's server.
     */
    Map<String, String> toConfig(ClientUrls client) {
        Map<String, String> config = new LinkedHashMap<>();
        // etcd requires verified client certificates as soon as it has a CA to verify them with.
        boolean demandClientCertificates = isTls(client) && (clientCertAuth || trustedCaFile != null);
        config.put("revkv.client-cert-auth", Boolean.toString(demandClientCertificates));
        config.put("revkv.client-tls", Boolean.toString(isTls(client)));
        // What a member presents and trusts when it dials another member's client URL (the corruption check).
        putIfSet(config, "revkv.cert-file", certFile);
        putIfSet(config, "revkv.key-file", keyFile);
        putIfSet(config, "revkv.trusted-ca-file", trustedCaFile);
        if (!isTls(client)) {
            return config;
        }
        config.put("quarkus.http.ssl-port", Integer.toString(client.port()));
        config.put("quarkus.http.insecure-requests", "disabled");
        config.put("quarkus.tls.key-store.pem.client.cert", absolute(certFile));
        config.put("quarkus.tls.key-store.pem.client.key", absolute(keyFile));
        if (trustedCaFile != null) {
            config.put("quarkus.tls.trust-store.pem.certs", absolute(trustedCaFile));
        }
        return config;
    }

    private static void putIfSet(Map<String, String> config, String key, String file) {
        if (file != null) {
            config.put(key, absolute(file));
        }
    }

    private static boolean isTls(ClientUrls client) {
        return client.scheme().equals("https");
    }

    private static void readable(String flag, String file) {
        Path path = Path.of(file);
        if (!Files.exists(path)) {
            throw new IllegalArgumentException(flag + ": open " + file + ": no such file or directory");
        }
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new IllegalArgumentException(flag + ": open " + file + ": permission denied or not a file");
        }
    }

    private static String absolute(String file) {
        return Path.of(file).toAbsolutePath().toString();
    }
}
