package io.revkv.bench.compare;

import java.io.IOException;
import java.nio.file.Path;

/**
 * One side of a comparison ({@code etcd} or {@code revkv}): either a server this run launches, which
 * {@link #fresh()} replaces by a new one on an empty data dir, or an endpoint given by the user, which stays.
 */
public final class Target implements AutoCloseable {
    private final String name;
    private final Launcher launcher;
    private final Path workDir;
    private final String givenEndpoint;
    private Server server;

    private Target(String name, Launcher launcher, Path workDir, String givenEndpoint) {
        this.name = name;
        this.launcher = launcher;
        this.workDir = workDir;
        this.givenEndpoint = givenEndpoint;
    }

    public static Target launched(String name, Launcher launcher, Path workDir) {
        return new Target(name, launcher, workDir, null);
    }

    public static Target given(String name, String endpoint) {
        return new Target(name, null, null, endpoint);
    }

    /** The endpoint, launching the server on first use. */
    public String endpoint() throws IOException {
        if (givenEndpoint != null) {
            return givenEndpoint;
        }
        if (server == null) {
            server = Server.start(name, launcher, workDir);
        }
        return server.endpoint();
    }

    /** A launched server is replaced by a new one with an empty data dir; a given endpoint stays as it is. */
    public String fresh() throws IOException {
        close();
        return endpoint();
    }

    public String name() {
        return name;
    }

    /** Whether this run launches the server (rather than using a given endpoint). */
    public boolean launched() {
        return givenEndpoint == null;
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
