package io.revkv.operator.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.revkv.operator.v1alpha1.KVClusterStatus;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * NOSPACE on three real store processes with a 4 MB quota and the default compaction (retention 1h, so the operator
 * may compact): a client overwrites ten keys with random 20 KB values until a put fails with etcd's "database space
 * exceeded"; the status says Degraded/QuotaExceeded; the operator compacts at the current revision, defragments the
 * followers, moves leadership, defragments the old leader and disarms; then the alarm list is empty, a put works
 * and every key holds its latest value.
 *
 * <p>A step of a test that already runs such a cluster (OperatorHarnessIT's three members, created with
 * {@code quotaBackendBytes: 4000000}), rather than a cluster of its own: it was AlarmIT.
 */
final class QuotaReclaim {

    static final long QUOTA_BYTES = 4_000_000;
    static final int KEYS = 10;
    /** The values are random (incompressible), so the database grows by what is written. */
    static final long SEED = 13;

    private final OperatorHarness harness;

    private QuotaReclaim(OperatorHarness harness) {
        this.harness = harness;
    }

    /** On the harness's running three-member cluster, created with a quota of {@link #QUOTA_BYTES}. */
    static void aFullClusterIsCompactedDefragmentedAndDisarmed(OperatorHarness harness) throws Exception {
        new QuotaReclaim(harness).fillAndAwaitReclaim();
    }

    private void fillAndAwaitReclaim() throws Exception {
        KVClusterStatus running = harness.awaitRunning(3, Duration.ofSeconds(120));
        assertThat(running.getLastDefrag()).as("nothing defragmented before").isNullOrEmpty();
        String leader = OperatorHarness.leader(running);
        String kv0 = harness.clientAddress("kv-0");
        long start = revision(kv0);

        // Overwrite the same keys until the quota trips; the refused put may or may not have been applied (etcd
        // applies a committed entry that trips the quota and still answers NOSPACE), so both values are allowed.
        Map<String, Set<String>> latest = new LinkedHashMap<>();
        String refusal = null;
        Random random = new Random(SEED);
        int puts = 0;
        for (int i = 0; i < 1000 && refusal == null; i++) {
            String key = "full-" + (i % KEYS);
            byte[] bytes = new byte[15_000];
            random.nextBytes(bytes);
            String value = "v" + i + "-" + Base64.getEncoder().encodeToString(bytes);
            String out = OperatorHarness.etcdctl(kv0, "put", key, value);
            if (out.equals("OK")) {
                latest.put(key, Set.of(value));
                puts++;
            } else {
                assertThat(out).as("put %d (seed %d)", i, SEED).contains("etcdserver: mvcc: database space exceeded");
                refusal = out;
                Set<String> either = new HashSet<>(latest.getOrDefault(key, Set.of()));
                either.add(value);
                latest.put(key, either);
            }
        }
        assertThat(refusal).as("1000 puts of 20 KB never exceeded a quota of 4 MB").isNotNull();
        System.out.println(puts + " puts, then refused: " + refusal.lines().reduce((a, b) -> b).orElse(""));
        assertThat(puts).as("the keys were overwritten many times before the quota tripped").isGreaterThan(5 * KEYS);

        // Degraded/QuotaExceeded while the alarm is raised (the operator starts reclaiming at once, but the alarm
        // stays until the last step, so the status shows it meanwhile).
        harness.awaitNudging(() -> degraded().filter(c -> "QuotaExceeded".equals(c.getReason())).isPresent(),
                Duration.ofSeconds(60));
        Condition degraded = degraded().orElseThrow();
        System.out.println("Degraded: " + degraded.getReason() + ": " + degraded.getMessage());
        assertThat(degraded.getMessage()).contains("NOSPACE raised", "of a quota of");

        harness.awaitTrue(() -> harness.events().stream().anyMatch(e -> "AlarmDisarmed".equals(e.getReason())),
                Duration.ofSeconds(240));
        List<Event> events = harness.events();
        System.out.println("--- events, in order ---");
        events.forEach(e -> System.out.println(e.getFirstTimestamp() + " " + e.getType() + " " + e.getReason() + ": "
                + e.getMessage()));
        System.out.println(OperatorHarness.etcdctl(kv0 + "," + harness.clientAddress("kv-1") + ","
                + harness.clientAddress("kv-2"), "endpoint", "status", "-w", "table"));
        assertThat(OperatorHarness.etcdctl(kv0, "alarm", "list")).as("etcdctl alarm list").isEmpty();
        assertThat(OperatorHarness.etcdctl(kv0, "put", "after", "disarm")).isEqualTo("OK");
        for (Map.Entry<String, Set<String>> e : latest.entrySet()) {
            assertThat(OperatorHarness.etcdctl(kv0, "get", e.getKey(), "--print-value-only"))
                    .as("latest value of %s", e.getKey()).isIn(e.getValue());
        }

        List<Event> reclaim = events.stream().filter(e -> List.of("QuotaExceeded", "DefragQuota", "AlarmDisarmed")
                .contains(e.getReason())).toList();
        assertThat(reclaim).extracting(Event::getType).containsOnly("Normal");
        List<String> steps = reclaim.stream().map(QuotaReclaim::step).toList();
        System.out.println("reclaim steps: " + steps);
        assertThat(steps.get(0)).as("compaction first").isEqualTo("compact");
        assertThat(reclaim.get(0).getMessage()).as("at the current revision, past every overwrite")
                .startsWith("compacted at revision " + (start + puts) + " ");
        assertThat(steps.get(steps.size() - 1)).as("disarm last").isEqualTo("disarm");
        assertThat(steps).filteredOn(s -> s.startsWith("defrag ")).as("each member once").hasSize(3)
                .doesNotHaveDuplicates();
        int moved = steps.indexOf("move");
        assertThat(moved).as("leadership moved once, before the old leader's defragmentation").isPositive();
        assertThat(steps.subList(moved + 1, steps.size())).containsExactly("defrag " + leader, "disarm");
        assertThat(harness.awaitRunning(3, Duration.ofSeconds(60)).getLastDefrag())
                .allSatisfy(r -> assertThat(r.getDbSizeAfter()).isLessThan(QUOTA_BYTES));
    }

    /** The cluster's revision now: a linearizable read's header (1 for a cluster nothing was written to). */
    private static long revision(String endpoint) throws Exception {
        return Serialization.jsonMapper().readTree(OperatorHarness.etcdctl(endpoint, "get", "none", "-w", "json"))
                .path("header").path("revision").asLong();
    }

    /** compact, defrag kv-N, move, disarm: what each reclaim Event did. */
    private static String step(Event e) {
        String m = e.getMessage();
        if (m.startsWith("compacted")) {
            return "compact";
        } else if (m.startsWith("leadership moved")) {
            return "move";
        } else if (m.contains(" defragmented ")) {
            return "defrag " + m.substring(0, m.indexOf(' '));
        } else if (m.startsWith("NOSPACE disarmed")) {
            return "disarm";
        }
        return e.getReason() + ": " + m;
    }

    private Optional<Condition> degraded() {
        KVClusterStatus s = harness.status();
        return s == null || s.getConditions() == null ? Optional.empty()
                : s.getConditions().stream().filter(c -> "Degraded".equals(c.getType()) && "True".equals(c.getStatus()))
                        .findFirst();
    }
}
