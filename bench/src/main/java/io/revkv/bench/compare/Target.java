package io.revkv.bench.compare;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One side of a comparison ({@code etcd} or {@code revkv}): either a cluster this run launches, which
 * {@link #fresh(int)} replaces by a new one on empty data dirs, or an endpoint given by the user, which stays and is
 * used whatever the cluster shape asked for.
 */
public final class Target implements AutoCloseable {
    private final String name;
    private final Launcher launcher;
    private final Path workDir;
    private final String givenEndpoint;
    private Cluster cluster;

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

    /** The endpoint of a single member, launching it on first use. */
    public String endpoint() throws IOException {
        return endpoints(1, LoadTarget.ALL).get(0);
    }

    /**
     * The endpoints a load on a cluster of {@code members} sends to, launching the cluster on first use or when the
     * running one has another size.
     */
    public List<String> endpoints(int members, LoadTarget where) throws IOException {
        if (givenEndpoint != null) {
            return List.of(givenEndpoint);
        }
        if (cluster == null || cluster.size() != members) {
            close();
            cluster = Cluster.start(name, launcher, workDir, members);
        }
        return where.endpoints(cluster);
    }

    /** A launched server is replaced by a new one with an empty data dir; a given endpoint stays as it is. */
    public String fresh() throws IOException {
        return fresh(1).get(0);
    }

    /** A launched cluster is replaced by a new one of {@code members} on empty data dirs; its endpoints. */
    public List<String> fresh(int members) throws IOException {
        close();
        return endpoints(members, LoadTarget.ALL);
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
        if (cluster != null) {
            Cluster stopping = cluster;
            cluster = null;
            stopping.close();
        }
    }
}
