package io.revkv.store.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.revkv.testing.Dialect;
import io.revkv.testing.Etcdctl;
import io.revkv.testing.ServerProcess;
import io.revkv.testing.ServerProcesses;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real etcdctl 3.4.23 against two servers, one script, outputs compared after {@link
 * Etcdctl.Result#normalized}: put, get (prefix, from-key, rev, limit, sort-by/order, keys-only; 3.4's etcdctl has no --count-only, {@link DifferentialIT} covers count_only),
 * del (prev-kv, prefix), txn from stdin (compares, success and failure ops), compaction (also --physical and both
 * errors), endpoint hashkv (also --rev) and endpoint status (must succeed; its fields are member-specific).
 *
 * <p>The script starts on fresh servers, so revisions are the same on both sides; the comments give the revision
 * each write produces.
 */
class EtcdctlIT {

    @RegisterExtension
    final ServerProcesses servers = new ServerProcesses();

    /** Harness self-check: two etcd 3.4 servers print the same thing, after normalization. */
    @Test
    void etcdctlSeesNoDifferenceBetweenTwoEtcd34Servers() {
        assertSameOutputs(servers.etcd("etcd-ref"), servers.etcd("etcd-peer"));
    }

    @Test
    void etcdctlSeesRevkvLikeEtcd34() {
        assertSameOutputs(servers.etcd("etcd"), servers.revkv("revkv"));
    }

    /** One etcdctl invocation: arguments and what goes to stdin. */
    private record Step(String stdin, String... args) {
        static Step of(String... args) {
            return new Step("", args);
        }

        @Override
        public String toString() {
            return "etcdctl " + String.join(" ", args) + (stdin.isEmpty() ? "" : " <<< " + stdin.replace("\n", "\\n"));
        }
    }

    private static List<Step> script() {
        return List.of(
                Step.of("put", "a", "1"),                                                    // rev 2
                Step.of("put", "b", "2", "-w", "json"),                                      // rev 3
                Step.of("put", "a", "3", "--prev-kv", "-w", "json"),                         // rev 4
                Step.of("put", "k/1", "x"),                                                  // rev 5
                Step.of("put", "k/2", "y"),                                                  // rev 6
                Step.of("put", "k/3", "z"),                                                  // rev 7
                Step.of("get", "a", "-w", "json"),
                Step.of("get", "a"),
                Step.of("get", "k/", "--prefix", "-w", "json"),
                Step.of("get", "a", "--from-key", "--keys-only"),
                Step.of("get", "a", "--rev=2", "-w", "json"),
                Step.of("get", "k/", "--prefix", "--limit=2", "-w", "json"),
                Step.of("get", "k/", "--prefix", "--sort-by=MODIFY", "--order=DESCEND", "-w", "json"),
                Step.of("get", "a", "--from-key", "--sort-by=VALUE", "--order=ASCEND"),
                Step.of("get", "a", "--from-key", "--sort-by=CREATE", "--order=DESCEND", "--limit=2", "-w", "json"),
                Step.of("get", "a", "--from-key", "--sort-by=VERSION", "--limit=3", "-w", "json"),
                Step.of("get", "k/", "--prefix", "--keys-only", "-w", "json"),
                Step.of("get", "a", "--rev=100"),
                Step.of("del", "k/3", "--prev-kv", "-w", "json"),                            // rev 8
                Step.of("del", "nothing-here"),
                new Step("value(\"a\") = \"3\"\n\nput a 4\nget a\n\nput a 5\n\n", "txn", "-w", "json"), // rev 9
                new Step("mod(\"a\") > \"100\"\n\nput a 6\n\nput a 7\nget a\n\n", "txn"),  // rev 10
                new Step("create(\"zz\") = \"0\"\nversion(\"a\") = \"4\"\n\nput zz new\ndel b\n\nget zz\n\n",
                        "txn", "-w", "json"),                                                // rev 11
                Step.of("del", "k/", "--prefix", "--prev-kv", "-w", "json"),                 // rev 12
                Step.of("endpoint", "hashkv", "-w", "json"),
                Step.of("endpoint", "hashkv", "--rev=6", "-w", "json"),
                Step.of("compaction", "5"),
                Step.of("get", "a", "--rev=4"),
                Step.of("get", "a", "--rev=5", "-w", "json"),
                Step.of("compaction", "--physical", "7"),
                Step.of("compaction", "6"),
                Step.of("compaction", "100"),
                Step.of("endpoint", "hashkv", "--rev=9", "-w", "json"),
                Step.of("endpoint", "hashkv", "--rev=8"),
                Step.of("get", "", "--prefix", "-w", "json"));
    }

    private void assertSameOutputs(ServerProcess reference, ServerProcess candidate) {
        List<String> differences = new ArrayList<>();
        for (Step step : script()) {
            String expected = Etcdctl.runWithInput(reference, step.stdin(), step.args()).normalized(reference.endpoint());
            String actual = Etcdctl.runWithInput(candidate, step.stdin(), step.args()).normalized(candidate.endpoint());
            System.out.println("$ " + step + "\n" + expected);
            if (!expected.equals(actual)) {
                differences.add(step + "\n" + reference + ":\n" + expected + "\n" + candidate + ":\n" + actual);
            }
        }
        assertHashKvAtExactlyCompactRevision(reference, candidate, differences);
        assertThat(Etcdctl.run(reference, "endpoint", "status", "-w", "json").exitCode()).isZero();
        assertThat(Etcdctl.run(candidate, "endpoint", "status", "-w", "json").exitCode()).isZero();
        assertThat(differences).as("etcdctl output differences").isEmpty();
    }

    /**
     * Named difference {@link KnownDifferences.Name#HASHKV_AT_COMPACT_REVISION}: after {@code compaction
     * --physical 7}, {@code endpoint hashkv --rev=7} fails on 3.4 ("required revision has been compacted") and
     * succeeds on a new-behaviour server. Same dialects: outputs compared as usual.
     */
    private static void assertHashKvAtExactlyCompactRevision(ServerProcess reference, ServerProcess candidate,
            List<String> differences) {
        Etcdctl.Result ref = Etcdctl.run(reference, "endpoint", "hashkv", "--rev=7", "-w", "json");
        Etcdctl.Result cand = Etcdctl.run(candidate, "endpoint", "hashkv", "--rev=7", "-w", "json");
        for (ServerProcess server : List.of(reference, candidate)) {
            Etcdctl.Result result = server == reference ? ref : cand;
            if (server.dialect() == Dialect.ETCD_3_4) {
                assertThat(result.exitCode()).as("3.4: hashkv at compactRev fails: %s", result).isNotZero();
                assertThat(result.stderr()).contains(KnownDifferences.COMPACTED);
            } else {
                assertThat(result.exitCode()).as("new: hashkv at compactRev succeeds: %s", result).isZero();
                assertThat(result.stdout()).contains("\"hash\":");
            }
        }
        if (reference.dialect() == candidate.dialect()
                && !ref.normalized(reference.endpoint()).equals(cand.normalized(candidate.endpoint()))) {
            differences.add("endpoint hashkv --rev=7\n" + ref + "\n" + cand);
        }
    }
}
