package io.revkv.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension that creates servers and always stops them: register it as a field and ask it for servers.
 *
 * <pre>{@code
 * @RegisterExtension
 * final ServerProcesses servers = new ServerProcesses();
 *
 * @Test
 * void something() {
 *     EtcdProcess etcd = servers.etcd("etcd");        // fresh data dir, free ports, started and ready
 *     RevkvProcess revkv = servers.revkv("revkv");
 *     ...
 * }
 * }</pre>
 *
 * As an instance field ({@code @RegisterExtension} on a non-static field) it closes the servers after each test;
 * as a static field, after the class. Work dirs (logs) go to {@code target/compat/<TestClass>/<test>/}, or under
 * {@code -Drevkv.compat.dir}.
 */
public final class ServerProcesses implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback,
        AfterAllCallback {

    private final List<ServerProcess> started = new ArrayList<>();
    private Path baseDir = Path.of(System.getProperty("revkv.compat.dir", "target/compat"), "unnamed");

    @Override
    public void beforeAll(ExtensionContext context) {
        baseDir = root().resolve(context.getRequiredTestClass().getSimpleName());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        baseDir = root().resolve(context.getRequiredTestClass().getSimpleName())
                .resolve(context.getRequiredTestMethod().getName());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        closeAll();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        closeAll();
    }

    private static Path root() {
        return Path.of(System.getProperty("revkv.compat.dir", "target/compat"));
    }

    /** A started, ready etcd 3.4 with the given extra flags. */
    public EtcdProcess etcd(String name, String... extraFlags) {
        return track(new EtcdProcess(name, baseDir, extraFlags));
    }

    /** A started, ready revkv with the given extra flags. */
    public RevkvProcess revkv(String name, String... extraFlags) {
        return track(new RevkvProcess(name, baseDir, extraFlags));
    }

    /** A started, ready etcd 3.4 serving its client port over TLS, reached as {@code tls} says. */
    public EtcdProcess etcd(String name, ClientTls tls, String... extraFlags) {
        EtcdProcess etcd = new EtcdProcess(name, baseDir, extraFlags);
        etcd.useClientTls(tls);
        return track(etcd);
    }

    /** A started, ready revkv serving its client port over TLS, reached as {@code tls} says. */
    public RevkvProcess revkv(String name, ClientTls tls, String... extraFlags) {
        RevkvProcess revkv = new RevkvProcess(name, baseDir, extraFlags);
        revkv.useClientTls(tls);
        return track(revkv);
    }

    /** Where this test's servers keep their work dirs; for servers built by the test itself. */
    public Path baseDir() {
        return baseDir;
    }

    /** Takes ownership of a server built elsewhere, starting it if needed. */
    public <S extends ServerProcess> S track(S server) {
        started.add(server);
        if (!server.isAlive()) {
            server.startAndAwaitReady();
        }
        return server;
    }

    /** Closes every tracked server, newest first, and forgets them. */
    public void closeAll() {
        RuntimeException first = null;
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        started.clear();
        if (first != null) {
            throw first;
        }
    }
}
