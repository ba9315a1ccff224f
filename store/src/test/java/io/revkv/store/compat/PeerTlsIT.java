package io.revkv.store.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.revkv.proto.etcdserverpb.PutRequest;
import io.revkv.proto.etcdserverpb.RangeRequest;
import io.revkv.proto.etcdserverpb.RangeResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.revkv.testing.EtcdRpc;
import io.revkv.testing.Outcome;
import io.revkv.testing.RevkvProcess;
import io.revkv.testing.ServerProcess;
import io.revkv.testing.ServerProcesses;
import io.revkv.testing.TestCertificates;

/**
 * Peer TLS between store processes on loopback: three members with https peer URLs, certificates from one CA and
 * {@code --peer-client-cert-auth} replicate writes over TLS; a member whose certificate another CA signed is shut
 * out in both directions (the others reject its certificate as a client, and its server certificate as a server),
 * so it never learns of a write nor of a leader.
 */
class PeerTlsIT {

    @RegisterExtension
    final ServerProcesses servers = new ServerProcesses();

    @Test
    void threeMembersReplicateOverPeerTls() {
        TestCertificates pki = TestCertificates.generate(servers.baseDir().resolve("pki"));
        List<RevkvProcess> members = cluster(List.of("a", "b", "c"), name -> pki.peerCertificate(name).flags());

        put(members.get(0), "from-a", "1");
        put(members.get(2), "from-c", "2");
        for (RevkvProcess member : members) {
            assertThat(get(member, "from-a", false)).as(member.name()).isEqualTo("1");
            assertThat(get(member, "from-c", false)).as(member.name()).isEqualTo("2");
        }
        String handshake = openssl("s_client", "-connect", "127.0.0.1:" + members.get(1).peerPort(),
                "-CAfile", pki.caCert().toString(), "-cert", pki.peerCertificate("probe").cert().toString(),
                "-key", pki.peerCertificate("probe").key().toString(), "-verify_return_error", "-brief");
        assertThat(handshake).as("the peer port speaks TLS with b's certificate").contains("Peer certificate: CN = b")
                .contains("Verification: OK");
    }

    @Test
    void aMemberWithACertificateOfAnotherCaCannotJoin() throws InterruptedException {
        TestCertificates pki = TestCertificates.generate(servers.baseDir().resolve("pki"));
        TestCertificates foreign = TestCertificates.generate(servers.baseDir().resolve("foreign-pki"));
        // c trusts the cluster's CA, but shows a certificate that only the foreign CA signed.
        List<RevkvProcess> members = cluster(List.of("a", "b", "c"), name -> name.equals("c")
                ? foreign.peerCertificate(name).flags(pki.caCert())
                : pki.peerCertificate(name).flags(), List.of("a", "b"));
        RevkvProcess outsider = members.get(2);
        outsider.start();
        servers.track(outsider);

        put(members.get(0), "written", "while c knocks");
        Thread.sleep(5_000);
        put(members.get(1), "later", "still without c");
        assertThat(get(members.get(1), "written", false)).isEqualTo("while c knocks");
        HttpAnswer health = awaitHttp(outsider, "/health");
        assertThat(health.body()).as("c never learns of a leader")
                .isEqualTo("{\"health\":\"false\",\"reason\":\"RAFT NO LEADER\"}\n");
        assertThat(get(outsider, "written", true)).as("nothing was replicated to c").isNull();
        assertThat(get(outsider, "later", true)).isNull();
    }

    /** Members with https peer URLs, all of them started and ready. */
    private List<RevkvProcess> cluster(List<String> names, java.util.function.Function<String, List<String>> flags) {
        return cluster(names, flags, names);
    }

    /** Members with https peer URLs; those in {@code started} are started and awaited. */
    private List<RevkvProcess> cluster(List<String> names, java.util.function.Function<String, List<String>> flags,
                                       List<String> started) {
        List<RevkvProcess> members = new ArrayList<>();
        for (String name : names) {
            RevkvProcess member = new RevkvProcess(name, servers.baseDir(), flags.apply(name).toArray(String[]::new));
            member.usePeerTls();
            members.add(member);
        }
        String initialCluster = String.join(",", members.stream().map(m -> m.name() + "=" + m.peerUrl()).toList());
        for (RevkvProcess member : members) {
            member.useInitialCluster(initialCluster);
            if (started.contains(member.name())) {
                member.start();
            }
        }
        for (RevkvProcess member : members) {
            if (started.contains(member.name())) {
                member.awaitReady(Duration.ofSeconds(60));
                servers.track(member);
            }
        }
        return members;
    }

    private static void put(ServerProcess server, String key, String value) {
        Outcome outcome = EtcdRpc.call(server.channel(), PutRequest.newBuilder().setKey(ByteString.copyFromUtf8(key))
                .setValue(ByteString.copyFromUtf8(value)).build());
        assertThat(outcome.isOk()).as("put %s on %s: %s", key, server, outcome).isTrue();
    }

    /** The value of {@code key} on {@code server}, null when it has none. */
    private static String get(ServerProcess server, String key, boolean serializable) {
        Outcome outcome = EtcdRpc.call(server.channel(), RangeRequest.newBuilder()
                .setKey(ByteString.copyFromUtf8(key)).setSerializable(serializable).build());
        assertThat(outcome.isOk()).as("get %s on %s: %s", key, server, outcome).isTrue();
        RangeResponse range = (RangeResponse) outcome.response();
        return range.getKvsCount() == 0 ? null : range.getKvs(0).getValue().toStringUtf8();
    }

    /** A probe of {@code path} on the client port once the server listens. */
    private static HttpAnswer awaitHttp(ServerProcess server, String path) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                return HttpAnswer.get("http://" + server.endpoint() + path);
            } catch (IllegalStateException notYet) {
                if (System.nanoTime() > deadline || !server.isAlive()) {
                    throw new AssertionError(server + " never answered; log:\n" + server.logTail(40), notYet);
                }
            }
            Thread.sleep(200);
        }
    }

    private static String openssl(String... args) {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("openssl did not finish: " + command + "\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
