package io.revkv.store.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.revkv.proto.etcdserverpb.AlarmRequest;
import io.revkv.proto.etcdserverpb.AlarmRequest.AlarmAction;
import io.revkv.proto.etcdserverpb.AlarmType;
import io.revkv.proto.etcdserverpb.PutRequest;
import io.revkv.proto.etcdserverpb.StatusRequest;
import io.revkv.proto.etcdserverpb.StatusResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.revkv.testing.EtcdRpc;
import io.revkv.testing.FreePorts;
import io.revkv.testing.Outcome;
import io.revkv.testing.RevkvProcess;
import io.revkv.testing.ServerProcess;
import io.revkv.testing.ServerProcesses;

/**
 * The HTTP probes {@code /health}, {@code /livez} and {@code /readyz} on the client port and on a
 * {@code --listen-metrics-urls} listener, as kubelet or a load balancer asks them.
 *
 * <p>{@code /health} is compared with the real etcd 3.4.23 field by field. 3.4 has {@code /health} only, and its JSON
 * has only the {@code health} field; revkv answers as etcd 3.5 does (etcdhttp/health.go), which adds {@code reason}
 * and the endpoints {@code /livez} and {@code /readyz}: those are checked against the 3.5 source's contract, not a
 * running etcd. In 3.5 a NOSPACE alarm fails {@code /health} but not {@code /readyz} (its readiness checks are
 * data_corruption, serializable_read, linearizable_read and non_learner); a CORRUPT alarm or a missing leader fail
 * {@code /readyz}; only a failing local read fails {@code /livez}.
 */
class ProbesIT {

    private static final String TEXT = "text/plain; charset=utf-8";
    private static final String QUOTA = "300000";

    @RegisterExtension
    final ServerProcesses servers = new ServerProcesses();

    @Test
    void healthyMembersAnswerAsEtcd() {
        Probed etcd = Probed.start(servers, "etcd");
        Probed revkv = Probed.start(servers, "revkv");
        for (Probed server : List.of(etcd, revkv)) {
            for (String base : server.bases()) {
                HttpAnswer health = HttpAnswer.get(base + "/health");
                assertThat(health.status()).as(base).isEqualTo(200);
                assertThat(health.contentType()).as(base).isEqualTo(TEXT);
                assertThat(health.body()).as("no newline after a healthy answer").doesNotEndWith("\n");
                assertThat(HttpAnswer.get(base + "/health?serializable=true")).as(base).isEqualTo(health);
                HttpAnswer post = HttpAnswer.send("POST", base + "/health");
                assertThat(post.status()).as(base).isEqualTo(405);
                assertThat(post.body()).as(base).isEqualTo("Method Not Allowed\n");
            }
        }
        assertSameHealthFields(etcd, revkv, Map.of("health", "true"), "");

        for (String base : revkv.bases()) {
            assertOk(base + "/livez", "ok\n");
            assertOk(base + "/livez?verbose", "[+]serializable_read ok\nok\n");
            assertOk(base + "/readyz", "ok\n");
            assertOk(base + "/readyz?verbose", "[+]data_corruption ok\n[+]serializable_read ok\n"
                    + "[+]linearizable_read ok\n[+]non_learner ok\nok\n");
            assertOk(base + "/readyz/linearizable_read?verbose", "[+]linearizable_read ok\nok\n");
            assertOk(base + "/livez/serializable_read", "ok\n");
        }
        assertThat(HttpAnswer.get(etcd.bases().get(0) + "/readyz").status()).as("3.4 has no /readyz").isEqualTo(404);
    }

    @Test
    void noSpaceFailsHealthButNotReadinessNorLiveness() {
        Probed etcd = Probed.start(servers, "etcd", "--quota-backend-bytes", QUOTA);
        Probed revkv = Probed.start(servers, "revkv", "--quota-backend-bytes", QUOTA);
        for (Probed server : List.of(etcd, revkv)) {
            fillUntilNoSpace(server.process());
            for (String base : server.bases()) {
                HttpAnswer health = HttpAnswer.get(base + "/health");
                assertThat(health.status()).as(base).isEqualTo(503);
                assertThat(health.contentType()).as(base).isEqualTo(TEXT);
                assertThat(health.body()).as("http.Error appends a newline").endsWith("}\n");
                HttpAnswer excluded = HttpAnswer.get(base + "/health?exclude=NOSPACE");
                assertThat(excluded.status()).as(base).isEqualTo(200);
                assertThat(excluded.jsonFields()).as(base).containsEntry("health", "true");
            }
        }
        assertSameHealthFields(etcd, revkv, Map.of("health", "false"), "ALARM NOSPACE");
        for (String base : revkv.bases()) {
            assertOk(base + "/readyz?verbose", "[+]data_corruption ok\n[+]serializable_read ok\n"
                    + "[+]linearizable_read ok\n[+]non_learner ok\nok\n");
            assertOk(base + "/livez", "ok\n");
        }
    }

    /**
     * Under a CORRUPT alarm reads are still served, as etcd's are (its reads go around the corrupt applier), so only
     * data_corruption fails readiness: kubelet does not restart a member for it, and /livez stays ok.
     */
    @Test
    void corruptAlarmFailsReadinessUntilDisarmed() {
        Probed etcd = Probed.start(servers, "etcd");
        Probed revkv = Probed.start(servers, "revkv");
        for (Probed server : List.of(etcd, revkv)) {
            alarm(server.process(), AlarmAction.ACTIVATE, AlarmType.CORRUPT);
        }
        assertSameHealthFields(etcd, revkv, Map.of("health", "false"), "ALARM CORRUPT");
        for (String base : revkv.bases()) {
            HttpAnswer readyz = HttpAnswer.get(base + "/readyz");
            assertThat(readyz.status()).as(base).isEqualTo(503);
            assertThat(readyz.body()).as(base).isEqualTo("[-]data_corruption failed: alarm activated: CORRUPT\n"
                    + "[+]serializable_read ok\n"
                    + "[+]linearizable_read ok\n"
                    + "[+]non_learner ok\n\n");
            assertOk(base + "/livez", "ok\n");
            HttpAnswer check = HttpAnswer.get(base + "/readyz/data_corruption");
            assertThat(check.status()).as(base).isEqualTo(503);
            assertThat(check.body()).isEqualTo("[-]data_corruption failed: alarm activated: CORRUPT\n\n");
        }
        alarm(revkv.process(), AlarmAction.DEACTIVATE, AlarmType.CORRUPT);
        for (String base : revkv.bases()) {
            assertOk(base + "/readyz", "ok\n");
            assertThat(HttpAnswer.get(base + "/health").jsonFields()).containsEntry("health", "true");
        }
    }

    /**
     * One member of a three-member cluster whose other two never start: it has no quorum and so no leader. (etcd 3.4
     * opens no client port before it has a leader, so there is nothing to compare with.)
     */
    @Test
    void withoutALeaderReadinessFailsAndLivenessHolds() {
        int metricsPort = FreePorts.take(1)[0];
        RevkvProcess lonely = new RevkvProcess("lonely", servers.baseDir(),
                "--listen-metrics-urls", "http://127.0.0.1:" + metricsPort);
        int[] ghosts = FreePorts.take(2);
        lonely.useInitialCluster("lonely=" + lonely.peerUrl() + ",ghost1=http://127.0.0.1:" + ghosts[0]
                + ",ghost2=http://127.0.0.1:" + ghosts[1]);
        lonely.start();
        servers.track(lonely);
        Probed probed = new Probed(lonely, metricsPort);

        for (String base : probed.bases()) {
            awaitLive(base, lonely);
            HttpAnswer health = HttpAnswer.get(base + "/health");
            assertThat(health.status()).as(base).isEqualTo(503);
            assertThat(health.body()).as(base).isEqualTo("{\"health\":\"false\",\"reason\":\"RAFT NO LEADER\"}\n");
            assertThat(HttpAnswer.get(base + "/health?serializable=true").body()).as(base)
                    .isEqualTo("{\"health\":\"true\",\"reason\":\"\"}");
            assertOk(base + "/livez?verbose", "[+]serializable_read ok\nok\n");

            HttpAnswer readyz = HttpAnswer.get(base + "/readyz");
            assertThat(readyz.status()).as(base).isEqualTo(503);
            assertThat(readyz.contentType()).as(base).isEqualTo(TEXT);
            List<String> lines = readyz.body().lines().toList();
            assertThat(lines).as(base).hasSize(5);
            assertThat(lines.get(0)).isEqualTo("[+]data_corruption ok");
            assertThat(lines.get(1)).isEqualTo("[+]serializable_read ok");
            assertThat(lines.get(2)).as("the failing check is named, with the read's error")
                    .matches("\\[-]linearizable_read failed: \\S.*");
            assertThat(lines.get(3)).isEqualTo("[+]non_learner ok");
            assertThat(lines.get(4)).as("http.Error's newline after the report's own").isEmpty();
            assertOk(base + "/readyz?exclude=linearizable_read", "ok\n");
        }
    }

    private static void assertOk(String url, String body) {
        HttpAnswer answer = HttpAnswer.get(url);
        assertThat(answer.status()).as(url + ": " + answer.body()).isEqualTo(200);
        assertThat(answer.contentType()).as(url).isEqualTo(TEXT);
        assertThat(answer.body()).as(url).isEqualTo(body);
    }

    /**
     * /health's fields on every URL of both servers: 3.4's {@code health} field as expected and the same on revkv,
     * which adds 3.5's {@code reason}.
     */
    private static void assertSameHealthFields(Probed etcd, Probed revkv, Map<String, String> expected,
                                               String reason) {
        for (String base : etcd.bases()) {
            assertThat(HttpAnswer.get(base + "/health").jsonFields()).as(base).isEqualTo(expected);
        }
        for (String base : revkv.bases()) {
            Map<String, String> fields = HttpAnswer.get(base + "/health").jsonFields();
            assertThat(fields.keySet()).as(base).containsExactly("health", "reason");
            assertThat(fields).as(base).containsAllEntriesOf(expected).containsEntry("reason", reason);
        }
    }

    /** Waits until the server answers HTTP at {@code base} (it does not listen at once). */
    private static void awaitLive(String base, ServerProcess server) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                HttpAnswer.get(base + "/livez");
                return;
            } catch (IllegalStateException notYet) {
                if (System.nanoTime() > deadline || !server.isAlive()) {
                    throw new AssertionError(server + " never answered at " + base + "; log:\n"
                            + server.logTail(40), notYet);
                }
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static void fillUntilNoSpace(ServerProcess server) {
        ByteString value = ByteString.copyFrom(new byte[20_000]);
        for (int i = 0; i < 200; i++) {
            Outcome outcome = EtcdRpc.call(server.channel(), PutRequest.newBuilder()
                    .setKey(ByteString.copyFromUtf8("fill/" + i)).setValue(value).build());
            if (!outcome.isOk()) {
                assertThat(outcome.label()).as(server.toString())
                        .isEqualTo("RESOURCE_EXHAUSTED: etcdserver: mvcc: database space exceeded");
                return;
            }
        }
        throw new AssertionError(server + ": 200 puts of 20 KB never exceeded a quota of " + QUOTA);
    }

    /** Raises or clears an alarm for the member itself, as an operator's Alarm request would. */
    private static void alarm(ServerProcess server, AlarmAction action, AlarmType type) {
        Outcome status = EtcdRpc.call(server.channel(), StatusRequest.getDefaultInstance());
        long self = ((StatusResponse) status.response()).getHeader().getMemberId();
        Outcome outcome = EtcdRpc.call(server.channel(), AlarmRequest.newBuilder().setAction(action)
                .setMemberID(self).setAlarm(type).build());
        assertThat(outcome.isOk()).as("%s %s on %s: %s", action, type, server, outcome).isTrue();
    }

    /** A server with a metrics listener: the probes are asked on both of its URLs. */
    private record Probed(ServerProcess process, int metricsPort) {

        static Probed start(ServerProcesses servers, String kind, String... flags) {
            int port = FreePorts.take(1)[0];
            String[] all = new String[flags.length + 2];
            all[0] = "--listen-metrics-urls";
            all[1] = "http://127.0.0.1:" + port;
            System.arraycopy(flags, 0, all, 2, flags.length);
            ServerProcess process = kind.equals("etcd") ? servers.etcd(kind, all) : servers.revkv(kind, all);
            return new Probed(process, port);
        }

        /** The client URL, then the metrics URL. */
        List<String> bases() {
            return List.of("http://" + process.endpoint(), "http://127.0.0.1:" + metricsPort);
        }
    }
}
