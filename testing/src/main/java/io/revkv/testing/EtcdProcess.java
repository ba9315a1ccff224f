package io.revkv.testing;

import java.nio.file.Path;
import java.util.List;

/**
 * The real etcd (Debian's {@code /usr/bin/etcd}, 3.4.23) as a single-member cluster on free loopback ports with a
 * fresh data dir. Override the binary with {@code -Drevkv.etcd.binary=/path/to/etcd}.
 */
public final class EtcdProcess extends ServerProcess {

    public static final String BINARY = System.getProperty("revkv.etcd.binary", "/usr/bin/etcd");

    public EtcdProcess(String name, Path baseDir, String... extraFlags) {
        super(name, baseDir);
        useExtraFlags(extraFlags);
    }

    @Override
    protected List<String> launcher() {
        return List.of(BINARY);
    }

    @Override
    public Dialect dialect() {
        return Dialect.ETCD_3_4;
    }
}
