package io.revkv.store.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.revkv.testing.Etcdctl;
import io.revkv.testing.ServerProcess;
import io.revkv.testing.ServerProcesses;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real etcdctl 3.4.23's lease commands against etcd 3.4 and against revkv, outputs compared: {@code lease grant},
 * {@code put --lease}, {@code lease keep-alive --once}, {@code lease timetolive --keys}, {@code lease list},
 * {@code lease revoke} (the keys go), and the errors after it.
 *
 * <p>Normalized, since they differ by nature: the server-chosen lease ID (hex in text output, decimal in JSON) becomes
 * {@code <id>}, the remaining seconds of {@code timetolive} become {@code <n>}, and the attached keys, which etcd
 * prints in no defined order, are sorted; the ID of any later grant becomes {@code <granted>}.
 */
class LeaseEtcdctlIT {

    private static final Pattern GRANTED = Pattern.compile("lease ([0-9a-f]+) granted with TTL\\((\\d+)s\\)");
    private static final Pattern KEYS = Pattern.compile("attached keys\\(\\[([^\\]]*)\\]\\)");

    @RegisterExtension
    final ServerProcesses servers = new ServerProcesses();

    @Test
    void etcdctlSeesNoLeaseDifferenceBetweenTwoEtcd34Servers() {
        assertSameOutputs(servers.etcd("etcd-ref"), servers.etcd("etcd-peer"));
    }

    @Test
    void etcdctlSeesRevkvLeasesLikeEtcd34() {
        assertSameOutputs(servers.etcd("etcd"), servers.revkv("revkv"));
    }

    /** The script after {@code lease grant 60}; {@code <id>} stands for the granted lease's hex ID. */
    private static List<List<String>> script() {
        return List.of(
                List.of("put", "k2", "v2", "--lease=<id>"),                                 // rev 2
                List.of("put", "k1", "v1", "--lease=<id>"),                                 // rev 3
                List.of("put", "other", "x"),                                               // rev 4
                List.of("lease", "keep-alive", "--once", "<id>"),
                List.of("lease", "timetolive", "<id>", "--keys"),
                List.of("lease", "timetolive", "<id>", "-w", "json"),
                List.of("lease", "list"),
                List.of("get", "", "--prefix", "-w", "json"),
                List.of("put", "k2", "plain"),                                              // rev 5: detached
                List.of("lease", "timetolive", "<id>", "--keys"),
                List.of("lease", "revoke", "<id>"),                                         // rev 6
                List.of("get", "", "--prefix", "-w", "json"),
                List.of("lease", "timetolive", "<id>"),
                List.of("lease", "list"),
                List.of("lease", "revoke", "<id>"),
                List.of("put", "k3", "v", "--lease=<id>"),
                List.of("lease", "keep-alive", "--once", "<id>"),
                List.of("lease", "grant", "1"));
    }

    private void assertSameOutputs(ServerProcess reference, ServerProcess candidate) {
        String refId = grant(reference);
        String candId = grant(candidate);
        List<String> differences = new ArrayList<>();
        for (List<String> step : script()) {
            String expected = run(reference, step, refId);
            String actual = run(candidate, step, candId);
            System.out.println("$ etcdctl " + String.join(" ", step) + "\n" + expected);
            if (!expected.equals(actual)) {
                differences.add(String.join(" ", step) + "\n" + reference + ":\n" + expected + "\n" + candidate
                        + ":\n" + actual);
            }
        }
        assertThat(differences).as("etcdctl lease output differences").isEmpty();
    }

    /** {@code lease grant 60}; returns the hex ID the server chose. */
    private static String grant(ServerProcess server) {
        Etcdctl.Result result = Etcdctl.run(server, "lease", "grant", "60");
        Matcher m = GRANTED.matcher(result.stdout());
        assertThat(m.find()).as("lease grant on %s: %s", server, result).isTrue();
        assertThat(m.group(2)).isEqualTo("60");
        return m.group(1);
    }

    private static String run(ServerProcess server, List<String> step, String hexId) {
        String[] args = step.stream().map(a -> a.replace("<id>", hexId)).toArray(String[]::new);
        String out = Etcdctl.run(server, args).normalized(server.endpoint());
        String decimalId = Long.toString(Long.parseUnsignedLong(hexId, 16));
        out = out.replace(hexId, "<id>").replace(decimalId, "<id>")
                .replaceAll("remaining\\(-?\\d+s\\)", "remaining(<n>s)")
                .replaceAll("\"ttl\":\\d+", "\"ttl\":<n>")
                .replaceAll("lease [0-9a-f]+ granted", "lease <granted> granted");
        return sortKeys(out);
    }

    private static String sortKeys(String out) {
        Matcher m = KEYS.matcher(out);
        StringBuilder sorted = new StringBuilder();
        while (m.find()) {
            String[] keys = m.group(1).split(" ");
            Arrays.sort(keys);
            m.appendReplacement(sorted, Matcher.quoteReplacement("attached keys([" + String.join(" ", keys) + "])"));
        }
        return m.appendTail(sorted).toString();
    }
}
