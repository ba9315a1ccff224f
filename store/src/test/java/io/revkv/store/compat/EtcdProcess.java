package io.revkv.store.compat;

import java.nio.file.Path;
import java.util.List;

/**
 * The real etcd (Debian's {@code /usr/bin/etcd}, 3.4.23) as a single-member cluster on free loopback ports with a
 * fresh data dir. Override the binary with {@code -Drevkv.etcd.binary=/path/to/etcd}.
 */
public final class EtcdProcess extends ServerProcess {

    public static final String BINARY = System.getProperty("revkv.etcd.binary", "/usr/bin/etcd");

    private List<String> extraFlags;

    public EtcdProcess(String name, Path baseDir, String... extraFlags) {
        super(name, baseDir);
        this.extraFlags = List.of(extraFlags);
    }

    @Override
    protected List<String> launcher() {
        return List.of(BINARY);
    }

    /** Extra flags for the following launches, replacing the earlier ones (e.g. a restart with a new quota). */
    public EtcdProcess extraFlags(String... flags) {
        this.extraFlags = List.of(flags);
        return this;
    }

    @Override
    protected List<String> extraFlags() {
        return extraFlags;
    }

    @Override
    public Dialect dialect() {
        return Dialect.ETCD_3_4;
    }
}
