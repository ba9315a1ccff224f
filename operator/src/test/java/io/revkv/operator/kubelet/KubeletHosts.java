package io.revkv.operator.kubelet;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

/**
 * The harness's DNS: a hosts file ({@code -Djdk.net.hosts.file}) through which the test JVM (the operator's member
 * clients, the fake kubelet) and every store process resolve member kv-N of KVCluster kv in namespace db,
 * {@code kv-N.kv-peer.db.svc}, to the member's own loopback address.
 *
 * <p>The test JVM's file is named once, when the JVM starts (failsafe's argLine:
 * {@code -Djdk.net.hosts.file=${revkv.kubelet.hosts}}, by default the build's copy of src/test/resources/kubelet-hosts,
 * which names localhost from the start for the tests that run before any harness), so one harness at a time holds
 * it. Each harness picks a free {@link Loopback} block and writes it there, and a copy into its own directory
 * for its store processes (they should never see the next harness's block). The JVM caches no lookup
 * ({@code -Dsun.net.inetaddr.ttl=0}, also in the argLine), so the names resolve to the new block at once; a harness
 * checks that they do.
 *
 * <p>A file a harness did not write (its first line is not {@link #HEADER}), passed with
 * {@code -Drevkv.kubelet.hosts=FILE}, is taken as it is: its members' addresses, checked free, are the block.
 */
final class KubeletHosts {

    /** The first line of a file a harness may rewrite: the template in src/test/resources, and what it writes. */
    static final String HEADER = "# OperatorHarness's hosts file: each harness rewrites the copy in target/test-classes"
            + " with the loopback block it picked.";
    private static final AtomicBoolean HELD = new AtomicBoolean();

    private KubeletHosts() {
    }

    /** The block this harness's members use, written to the JVM's file and to {@code copy} for the members. */
    static Loopback claim(Path copy) throws IOException {
        if (!HELD.compareAndSet(false, true)) {
            throw new IllegalStateException("one OperatorHarness at a time per JVM: the JVM's hosts file names the "
                    + "members of one");
        }
        try {
            Loopback block = claim(jvmFile(), copy);
            assertResolved(block);
            return block;
        } catch (IOException | RuntimeException e) {
            HELD.set(false);
            throw e;
        }
    }

    private static Loopback claim(Path jvm, Path copy) throws IOException {
        String present = Files.exists(jvm) ? Files.readString(jvm) : "";
        if (!present.isBlank() && !present.startsWith(HEADER)) {
            Loopback given = new Loopback(IntStream.range(0, Loopback.MEMBERS).mapToObj(KubeletHosts::resolve)
                    .toList());
            if (!given.free()) {
                throw new IllegalStateException(jvm + " names addresses another process listens on: " + given);
            }
            Files.copy(jvm, copy, StandardCopyOption.REPLACE_EXISTING);
            return given;
        }
        Loopback picked = Loopback.pick(new SecureRandom());
        Files.write(copy, lines(picked));
        Files.createDirectories(jvm.toAbsolutePath().getParent());
        Path next = jvm.resolveSibling(jvm.getFileName() + ".next");
        Files.write(next, lines(picked));
        Files.move(next, jvm, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return picked;
    }

    /** The JVM's file is free for the next harness. */
    static void release() {
        HELD.set(false);
    }

    /** A member's DNS name: {@code kv-0.kv-peer.db.svc}. */
    static String host(int ordinal) {
        return OperatorHarness.CLUSTER + "-" + ordinal + "." + OperatorHarness.CLUSTER + "-peer."
                + OperatorHarness.NAMESPACE + ".svc";
    }

    private static List<String> lines(Loopback block) {
        List<String> lines = new ArrayList<>(List.of(HEADER, "127.0.0.1 localhost"));
        for (int i = 0; i < Loopback.MEMBERS; i++) {
            lines.add(block.address(i) + " " + host(i));
        }
        return lines;
    }

    private static Path jvmFile() {
        String file = System.getProperty("jdk.net.hosts.file");
        if (file == null) {
            throw new IllegalStateException("no -Djdk.net.hosts.file: run the harness's tests through failsafe "
                    + "(./mvnw -pl operator verify -Dit.test=...), whose argLine names the file");
        }
        return Path.of(file);
    }

    /** The JVM resolves every member's name to the block: no lookup of an earlier harness's block is cached. */
    private static void assertResolved(Loopback block) {
        for (int i = 0; i < Loopback.MEMBERS; i++) {
            if (!resolve(i).equals(block.address(i))) {
                throw new IllegalStateException(host(i) + " resolves to " + resolve(i) + ", not " + block.address(i)
                        + ": the JVM caches lookups; run it with -Dsun.net.inetaddr.ttl=0, as failsafe's argLine does");
            }
        }
    }

    private static String resolve(int ordinal) {
        try {
            return InetAddress.getByName(host(ordinal)).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("the harness's hosts file does not name " + host(ordinal), e);
        }
    }
}
