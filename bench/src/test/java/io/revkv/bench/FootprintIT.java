package io.revkv.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code compare --scenarios footprint} launches the real etcd 3.4 and revkv one after the other, preloads a few
 * thousand keys into each, restarts each on its data dir, and reports their memory and restart time with ratios.
 */
class FootprintIT {
    private static final int KEYS = 3000;
    private static final List<String> FIGURES =
            List.of("rssAfterLoadBytes", "restartToFirstServedMs", "rssAfterRestartBytes");

    @Test
    void compareReportsTheFootprintOfBothServersAndTheirRatios() throws Exception {
        Path out = Path.of("target", "it", "footprint").toAbsolutePath();
        Path log = Files.createDirectories(out).resolve("bench.log");
        Files.deleteIfExists(out.resolve("compare.json"));
        int exit = BenchJar.run(log, "compare", "--revkv-jar", BenchJar.revkvJar().toString(), "--workloads", "",
                "--scenarios", "footprint", "--footprint-keys", Integer.toString(KEYS), "--val-size", "100",
                "--out", out.toString());

        assertThat(exit).as("exit code; output:\n%s", BenchJar.read(log)).isZero();
        JsonNode doc = new ObjectMapper().readTree(out.resolve("compare.json").toFile());
        assertThat(doc.get("runs").findValuesAsText("target")).containsExactly("etcd", "revkv");
        for (JsonNode run : doc.get("runs")) {
            JsonNode figures = run.get("report").get("figures");
            assertThat(figures.get("keysAfterRestart").asLong()).as("keys served after the restart").isEqualTo(KEYS);
            // A process that maps its store and runs a gRPC server is resident for more than a few megabytes.
            assertThat(figures.get("rssAfterLoadBytes").asLong()).isGreaterThan(8L << 20);
            assertThat(figures.get("rssAfterRestartBytes").asLong()).isGreaterThan(8L << 20);
            assertThat(figures.get("restartToFirstServedMs").asDouble()).isPositive();
            assertThat(run.get("report").get("options").get("keys").asLong()).isEqualTo(KEYS);
        }
        List<String> ratioFigures = doc.get("figureRatios").findValuesAsText("figure");
        assertThat(ratioFigures).containsAll(FIGURES);
        for (JsonNode ratio : doc.get("figureRatios")) {
            assertThat(ratio.get("ratio").asDouble()).as("ratio of %s", ratio.get("figure")).isPositive();
        }
        assertThat(BenchJar.read(log)).contains("scenario figures, revkv / etcd", "rssAfterLoadBytes");
    }
}
