package io.revkv.bench.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.revkv.bench.BenchMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code coldstart}'s defaults are the performance target's load, and its load tool gets etcd's own flags. */
class ColdStartOptionsTest {

    private static ColdStartCommand parse(String... args) {
        return (ColdStartCommand) BenchMain.commandLine().parseArgs(args).subcommand().commandSpec().userObject();
    }

    @Test
    void theDefaultsAreEightWindowsOfFifteenThousandPutsInEtcdsBenchmarkShapeOnOneAndThreeMembers() {
        ColdStartCommand coldstart = parse("coldstart");
        assertThat(coldstart.members).containsExactly(1, 3);
        assertThat(coldstart.rounds).isEqualTo(3);
        assertThat(coldstart.windows).isEqualTo(8);
        assertThat(coldstart.windowPuts).isEqualTo(15000);
        assertThat(List.of(coldstart.clients, coldstart.conns, coldstart.keySize, coldstart.valSize,
                coldstart.keySpaceSize)).containsExactly(64, 64, 8, 256, 100000);
        assertThat(coldstart.loadTool).isNull();
    }

    @Test
    void theLoadToolRunsAsEtcdsBenchmarkPutOnEveryEndpoint() {
        WindowLoad.Shape shape = new WindowLoad.Shape(15000, 64, 64, 8, 256, 100000);
        LoadToolPuts tool = new LoadToolPuts(Path.of("/b/benchmark"), shape, Path.of("load-tool.log"));
        assertThat(tool.command(List.of("127.0.0.1:1", "127.0.0.1:2"))).containsExactly("/b/benchmark",
                "--endpoints", "127.0.0.1:1,127.0.0.1:2", "--clients", "64", "--conns", "64", "put",
                "--total", "15000", "--key-size", "8", "--val-size", "256", "--key-space-size", "100000");
        assertThat(tool.describe()).contains("etcd benchmark", "/b/benchmark");
        assertThat(new WindowedPuts(shape).describe()).contains("in-process");
    }

    @Test
    void theClientWarmUpHasTheWindowsShapeWithItsOwnCount() {
        WindowLoad.Shape shape = new WindowLoad.Shape(15000, 64, 32, 8, 256, 100000);
        assertThat(shape.withPuts(500)).isEqualTo(new WindowLoad.Shape(500, 64, 32, 8, 256, 100000));
    }

    @Test
    void aLoadToolThatCannotRunIsRejectedBeforeAnyServerStarts(@TempDir Path dir) throws Exception {
        Path notExecutable = Files.writeString(dir.resolve("benchmark"), "#!/bin/sh\n");
        ColdStartCommand coldstart = parse("coldstart", "--load-tool", notExecutable.toString(), "--work-dir",
                dir.resolve("work").toString());
        assertThatThrownBy(coldstart::call).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--load-tool");
        assertThat(dir.resolve("work")).doesNotExist();
    }

    @Test
    void nonsenseCountsAreRejectedBeforeAnyServerStarts(@TempDir Path dir) {
        ColdStartCommand coldstart = parse("coldstart", "--windows", "0", "--work-dir", dir.toString());
        assertThatThrownBy(coldstart::call).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--windows");
    }
}
