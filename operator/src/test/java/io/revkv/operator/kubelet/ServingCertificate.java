package io.revkv.operator.kubelet;

import io.revkv.testing.TestCertificates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A member's serving certificate, signed by a {@link TestCertificates} CA, for the names the operator and etcdctl
 * reach it by here ({@code kv-0.kv-peer.db.svc}, the loopback address it resolves to), which the CA's own server
 * certificate (127.0.0.1, localhost) does not cover.
 */
record ServingCertificate(Path cert, Path key) {

    static ServingCertificate sign(TestCertificates ca, String name, List<String> subjectAltNames)
            throws IOException, InterruptedException {
        Path dir = ca.caCert().getParent();
        Files.writeString(dir.resolve(name + ".ext"), "subjectAltName=" + String.join(",", subjectAltNames)
                + "\nextendedKeyUsage=serverAuth\n");
        openssl(dir, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out", name + ".csr",
                "-subj", "/CN=" + name);
        openssl(dir, "x509", "-req", "-in", name + ".csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", name + ".crt", "-days", "2", "-extfile", name + ".ext");
        return new ServingCertificate(dir.resolve(name + ".crt"), dir.resolve(name + ".key"));
    }

    private static void openssl(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/usr/bin/openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("openssl failed: " + command + "\n" + output);
        }
    }
}
