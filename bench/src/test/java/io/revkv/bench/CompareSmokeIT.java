package io.revkv.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code compare} launches the real etcd 3.4 and revkv, runs a tiny put matrix and a tiny compaction-under-load
 * alternately, and writes its JSON with a run and a ratio per cell, and a PNG.
 */
class CompareSmokeIT {
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G'};

    @Test
    void compareWritesRatiosRunsAndAPlot() throws Exception {
        Path out = Path.of("target", "it", "compare-smoke").toAbsolutePath();
        Path log = Files.createDirectories(out).resolve("bench.log");
        Files.deleteIfExists(out.resolve("compare.json"));
        int exit = BenchJar.run(log, "compare", "--revkv-jar", BenchJar.revkvJar().toString(), "--workloads", "put",
                "--clients", "1,2", "--duration", "1s", "--server-warmup", "1s", "--scenarios", "compaction-under-load",
                "--scenario-preload", "300", "--scenario-rate", "50", "--scenario-duration", "300ms",
                "--scenario-warmup-compaction", "10", "--key-space-size", "30", "--out", out.toString());

        assertThat(exit).as("exit code; output:\n%s", BenchJar.read(log)).isZero();
        JsonNode doc = new ObjectMapper().readTree(out.resolve("compare.json").toFile());
        assertThat(doc.get("runs")).hasSize(6);
        assertThat(doc.get("runs").findValuesAsText("target"))
                .containsExactly("etcd", "revkv", "etcd", "revkv", "etcd", "revkv");
        for (JsonNode run : doc.get("runs")) {
            assertThat(run.get("error").isNull()).as("error of %s", run).isTrue();
            if (run.get("workload").asText().equals("compaction-under-load")) {
                JsonNode figures = run.get("report").get("figures");
                assertThat(figures.get("warmupCompactRevision").asLong()).as("10%% of the history compacted in the "
                        + "warm-up, passed on by compare").isBetween(30L, figures.get("compactRevision").asLong() / 5);
            }
        }
        assertThat(doc.get("ratios")).hasSize(2);
        for (JsonNode ratio : doc.get("ratios")) {
            assertThat(ratio.get("throughputRatio").asDouble()).isPositive();
        }
        assertThat(doc.get("machine").get("cores").asInt()).isPositive();
        byte[] png = Files.readAllBytes(out.resolve("compare.png"));
        assertThat(png).startsWith(PNG_MAGIC);
        assertThat(BenchJar.read(log)).contains("revkv / etcd");
    }
}
