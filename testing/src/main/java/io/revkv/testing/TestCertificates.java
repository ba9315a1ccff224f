package io.revkv.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway PKI made with the {@code openssl} CLI (what etcd's own docs use): a CA, a server certificate for
 * {@code 127.0.0.1} and {@code localhost}, and a client certificate, all signed by the CA, as PEM files in one
 * directory. Keys are unencrypted RSA 2048 in PKCS#8, which both etcd and Quarkus read.
 */
public record TestCertificates(Path caCert, Path serverCert, Path serverKey, Path clientCert, Path clientKey) {

    private static final String OPENSSL = System.getProperty("revkv.openssl.binary", "/usr/bin/openssl");

    public static TestCertificates generate(Path where) {
        // Absolute: the servers run in work dirs of their own.
        Path dir = where.toAbsolutePath();
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("server.ext"),
                    "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
            Files.writeString(dir.resolve("client.ext"), "extendedKeyUsage=clientAuth\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt",
                "-days", "2", "-subj", "/CN=revkv-test-ca");
        signed(dir, "server", "/CN=localhost");
        signed(dir, "client", "/CN=revkv-test-client");
        return new TestCertificates(dir.resolve("ca.crt"), dir.resolve("server.crt"), dir.resolve("server.key"),
                dir.resolve("client.crt"), dir.resolve("client.key"));
    }

    /** The server certificate flags, {@code --cert-file} and {@code --key-file}. */
    public List<String> serverFlags() {
        return List.of("--cert-file", serverCert.toString(), "--key-file", serverKey.toString());
    }

    /**
     * A member's peer certificate for {@code 127.0.0.1}, signed by this CA, for both server and client use: a member
     * shows it when others connect and when it connects to them, as etcd's peer certificates are used.
     */
    public PeerCertificate peerCertificate(String member) {
        Path dir = caCert.getParent();
        String name = "peer-" + member;
        try {
            Files.writeString(dir.resolve(name + ".ext"),
                    "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth,clientAuth\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        signed(dir, name, "/CN=" + member);
        return new PeerCertificate(dir.resolve(name + ".crt"), dir.resolve(name + ".key"), caCert);
    }

    /** A member's peer certificate and key, and the CA it trusts for the others' ({@code --peer-*} flags). */
    public record PeerCertificate(Path cert, Path key, Path trustedCa) {

        /** {@code --peer-cert-file}, {@code --peer-key-file}, {@code --peer-trusted-ca-file}, client cert auth. */
        public List<String> flags(Path trusted) {
            return List.of("--peer-cert-file", cert.toString(), "--peer-key-file", key.toString(),
                    "--peer-trusted-ca-file", trusted.toString(), "--peer-client-cert-auth");
        }

        public List<String> flags() {
            return flags(trustedCa);
        }
    }

    public ClientTls withClientCertificate() {
        return new ClientTls(caCert, clientCert, clientKey);
    }

    public ClientTls withoutClientCertificate() {
        return ClientTls.anonymous(caCert);
    }

    private static void signed(Path dir, String name, String subject) {
        openssl(dir, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out", name + ".csr",
                "-subj", subject);
        openssl(dir, "x509", "-req", "-in", name + ".csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", name + ".crt", "-days", "2", "-extfile", name + ".ext");
    }

    private static void openssl(Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of(OPENSSL));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("openssl failed: " + command + "\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + command, e);
        }
    }
}
