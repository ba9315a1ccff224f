package io.revkv.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code compare --members 3} launches 3-member clusters of the real etcd 3.4 and revkv on loopback, runs a short put
 * and linearizable range on every member and on the leader alone, then the leader-failover scenario (kill -9 of each
 * cluster's leader under a steady writer), and reports a ratio per shape and a figure per failover. It checks the
 * report's shape, not its timings, and that no member outlives the bench or leaves its data dir behind.
 */
class ClusterCompareSmokeIT {

    @Test
    void compareRunsThreeMemberClustersOnEveryMemberAndOnTheLeaderThenKillsTheLeader() throws Exception {
        Path out = Path.of("target", "it", "cluster-compare-smoke").toAbsolutePath();
        Path log = Files.createDirectories(out).resolve("bench.log");
        Files.deleteIfExists(out.resolve("compare.json"));
        int exit = BenchJar.run(log, "compare", "--revkv-jar", BenchJar.revkvJar().toString(), "--members", "3",
                "--target", "all,leader", "--workloads", "put,range-l", "--clients", "2", "--duration", "1s",
                "--warmup", "200ms", "--server-warmup", "1s", "--scenarios", "leader-failover", "--failover-rate",
                "50", "--failover-clients", "2", "--failover-after", "8s", "--key-space-size", "30",
                "--out", out.toString());

        assertThat(exit).as("exit code; output:\n%s", BenchJar.read(log)).isZero();
        JsonNode doc = new ObjectMapper().readTree(out.resolve("compare.json").toFile());
        assertThat(doc.get("runs")).hasSize(2 * 2 * 2 + 2);
        for (JsonNode run : doc.get("runs")) {
            assertThat(run.get("error").isNull()).as("error of %s", run).isTrue();
        }
        assertThat(doc.get("ratios").findValuesAsText("cluster")).containsExactly("3/all", "3/all", "3/leader",
                "3/leader");
        for (JsonNode ratio : doc.get("ratios")) {
            assertThat(ratio.get("throughputRatio").asDouble()).as("%s", ratio).isPositive();
            assertThat(ratio.get("p99Ratio").asDouble()).as("%s", ratio).isPositive();
        }
        assertEveryMemberGotLoadOnlyWhenAllAreTargeted(doc);
        assertFailoverFigures(doc);
        assertThat(BenchJar.read(log)).contains("revkv / etcd", "3/leader", "longestGapMs");
        assertNothingLeftBehind(out.resolve("servers"));
    }

    private static void assertEveryMemberGotLoadOnlyWhenAllAreTargeted(JsonNode doc) {
        for (JsonNode run : doc.get("runs")) {
            String cluster = run.get("cluster").asText();
            JsonNode endpoints = run.get("report").get("endpoints");
            if (cluster.equals("3/all")) {
                assertThat(endpoints).as("%s", run).hasSize(3);
            } else if (cluster.equals("3/leader") && !run.get("workload").asText().equals("leader-failover")) {
                assertThat(endpoints).as("%s", run).hasSize(1);
            }
        }
    }

    private static void assertFailoverFigures(JsonNode doc) {
        List<JsonNode> failovers = Stream.of(doc.get("runs")).flatMap(runs -> {
            List<JsonNode> all = new java.util.ArrayList<>();
            runs.forEach(all::add);
            return all.stream();
        }).filter(r -> r.get("workload").asText().equals("leader-failover")).toList();
        assertThat(failovers).extracting(r -> r.get("target").asText()).containsExactly("etcd", "revkv");
        for (JsonNode run : failovers) {
            JsonNode figures = run.get("report").get("figures");
            assertThat(figures.get("longestGapMs").asDouble()).as("%s", figures).isPositive();
            assertThat(figures.get("firstWriteAfterKillMs").asDouble()).as("writes resumed: %s", figures)
                    .isPositive();
            assertThat(figures.get("failedRequests").asLong()).as("%s", figures).isNotNegative();
            assertThat(figures.get("killedLeader").asText()).isNotEqualTo(figures.get("newLeader").asText());
            assertThat(run.get("report").get("sections").fieldNames()).toIterable()
                    .containsExactly("before-kill", "after-kill");
        }
        assertThat(doc.get("figureRatios").findValuesAsText("figure")).contains("longestGapMs",
                "firstWriteAfterKillMs", "failedRequests");
    }

    /** Every member was stopped and its data dir deleted; the logs stay for a look after a failure. */
    private static void assertNothingLeftBehind(Path servers) throws Exception {
        try (Stream<Path> dirs = Files.list(servers)) {
            for (Path member : dirs.toList()) {
                assertThat(member.resolve("data")).as("data dir of %s", member).doesNotExist();
            }
        }
        assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("")
                .contains(servers.toString()))).as("members still running").isEmpty();
    }
}
