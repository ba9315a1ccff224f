package io.revkv.store.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * etcd's peer TLS flags. As in etcd they take effect when the peer URLs use https: the Raft transport between
 * members then speaks TLS with the PEM certificate and key, verifies the other members' certificates against
 * {@code --peer-trusted-ca-file} (the system's CAs without it), and, with {@code --peer-client-cert-auth} or
 * {@code --peer-trusted-ca-file}, demands that every connecting member show a certificate signed by that CA.
 *
 * <p>Where revkv is stricter than etcd, it says so at start: one member's Raft transport is either TLS or plain
 * towards every peer, so http and https peer URLs cannot be mixed; keys must be PKCS#8 PEM (what openssl 3 writes);
 * {@code --peer-client-cert-auth} needs the CA file; {@code --peer-auto-tls} (self-signed certificates made at
 * start) is refused.
 */
final class PeerTlsFlags {

    @Option(names = "--peer-cert-file", description = "Path to the peer server TLS cert file (PEM).")
    String certFile;

    @Option(names = "--peer-key-file", description = "Path to the peer server TLS key file (PKCS#8 PEM).")
    String keyFile;

    @Option(names = "--peer-trusted-ca-file", description = "Path to the peer server TLS trusted CA file (PEM).")
    String trustedCaFile;

    @Option(names = "--peer-client-cert-auth", arity = "0..1", fallbackValue = "true", defaultValue = "false",
            description = "Enable peer client cert authentication.")
    boolean clientCertAuth;

    @Option(names = "--peer-auto-tls", arity = "0..1", fallbackValue = "true", defaultValue = "false",
            description = "Not supported by revkv: give --peer-cert-file and --peer-key-file.")
    boolean autoTls;

    /**
     * Checks the flags for a member whose own peer URLs are {@code listenPeerUrls} in a cluster whose members'
     * peer URLs are {@code clusterPeerUrls}.
     *
     * @throws IllegalArgumentException naming the flag, in etcd's words where etcd has them
     */
    void validate(List<URI> listenPeerUrls, List<URI> clusterPeerUrls) {
        if (autoTls) {
            throw new IllegalArgumentException("--peer-auto-tls is not supported by revkv: give the peer certificate "
                    + "with --peer-cert-file and --peer-key-file (and its CA with --peer-trusted-ca-file)");
        }
        List<URI> all = new ArrayList<>(listenPeerUrls);
        all.addAll(clusterPeerUrls);
        boolean tls = isTls(listenPeerUrls);
        for (URI url : all) {
            if (isTls(url) != tls) {
                throw new IllegalArgumentException("peer URLs mix http and https (" + url + " and "
                        + listenPeerUrls.get(0) + "): revkv's Raft transport is either TLS or plain towards every "
                        + "member; use https for all of --listen-peer-urls and --initial-cluster, or none");
            }
        }
        if (tls) {
            validateTls(listenPeerUrls.get(0));
        }
    }

    private void validateTls(URI listenPeerUrl) {
        if (certFile == null || keyFile == null) {
            throw new IllegalArgumentException("cannot listen on TLS for " + listenPeerUrl.getAuthority()
                    + ": KeyFile and CertFile are not presented (--peer-cert-file, --peer-key-file)");
        }
        if (clientCertAuth && trustedCaFile == null) {
            throw new IllegalArgumentException("--peer-client-cert-auth needs --peer-trusted-ca-file, the CA that "
                    + "peer certificates must be signed by");
        }
        readable("--peer-cert-file", certFile);
        readable("--peer-key-file", keyFile);
        if (trustedCaFile != null) {
            readable("--peer-trusted-ca-file", trustedCaFile);
        }
        requirePkcs8(keyFile);
    }

    /**
     * {@code revkv.peer-*} for peer URLs {@code listenPeerUrls}: none for plain http (etcd ignores the files
     * there); the files as absolute paths and whether members must show a certificate otherwise.
     */
    Map<String, String> toConfig(List<URI> listenPeerUrls) {
        Map<String, String> config = new LinkedHashMap<>();
        boolean tls = isTls(listenPeerUrls);
        // etcd requires verified peer certificates as soon as it has a CA to verify them with.
        config.put("revkv.peer-client-cert-auth", Boolean.toString(tls && (clientCertAuth || trustedCaFile != null)));
        if (tls) {
            config.put("revkv.peer-cert-file", absolute(certFile));
            config.put("revkv.peer-key-file", absolute(keyFile));
            if (trustedCaFile != null) {
                config.put("revkv.peer-trusted-ca-file", absolute(trustedCaFile));
            }
        }
        return config;
    }

    private static boolean isTls(List<URI> urls) {
        return !urls.isEmpty() && isTls(urls.get(0));
    }

    private static boolean isTls(URI url) {
        return "https".equals(url.getScheme());
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

    /** The Raft transport (Netty) reads unencrypted PKCS#8 keys only; etcd also reads PKCS#1 and SEC1 ones. */
    private static void requirePkcs8(String file) {
        String pem;
        try {
            // Latin-1 decodes any bytes, so a binary (DER) key is reported as such rather than as unreadable.
            pem = Files.readString(Path.of(file), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new IllegalArgumentException("--peer-key-file: " + file + " is not an unencrypted PKCS#8 PEM key "
                    + "(-----BEGIN PRIVATE KEY-----); convert it with: openssl pkcs8 -topk8 -nocrypt -in " + file);
        }
    }

    private static String absolute(String file) {
        return Path.of(file).toAbsolutePath().toString();
    }
}
