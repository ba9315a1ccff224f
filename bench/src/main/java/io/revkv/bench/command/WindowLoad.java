package io.revkv.bench.command;

import java.util.List;

/**
 * How {@code coldstart} sends one window of puts to a cluster: in this JVM ({@link WindowedPuts}) or with etcd's own
 * {@code benchmark} binary ({@link LoadToolPuts}). Each window opens its own connections and closes them, as a
 * separate run of etcd's {@code benchmark put} does, so that both loads measure the same thing.
 */
interface WindowLoad {

    /** Sends {@link Shape#puts()} puts spread over {@code endpoints} and returns how fast they went. */
    Rate run(List<String> endpoints) throws Exception;

    /** Which load this is, for the report: figures of different loads are not comparable. */
    String describe();

    /**
     * The shape of one window, in etcd's {@code benchmark put} terms: random keys of {@code keySize} bytes over
     * {@code keySpaceSize} keys, values of {@code valSize} bytes, {@code clients} clients on {@code conns}
     * connections.
     */
    record Shape(int puts, int clients, int conns, int keySize, int valSize, int keySpaceSize) {

        Shape withPuts(int count) {
            return new Shape(count, clients, conns, keySize, valSize, keySpaceSize);
        }

        /** etcd's {@code benchmark} options for this shape; {@code revkv-bench put} takes the same names. */
        List<String> globalArgs(List<String> endpoints) {
            return List.of("--endpoints", String.join(",", endpoints), "--clients", Integer.toString(clients),
                    "--conns", Integer.toString(conns));
        }

        List<String> putArgs() {
            return List.of("--total", Integer.toString(puts), "--key-size", Integer.toString(keySize),
                    "--val-size", Integer.toString(valSize), "--key-space-size", Integer.toString(keySpaceSize));
        }
    }

    /**
     * What one window measured.
     *
     * @param putsPerSec successful puts per second of wall time (etcd's {@code Requests/sec})
     * @param errors     failed puts
     */
    record Rate(double putsPerSec, long errors) {
    }
}
