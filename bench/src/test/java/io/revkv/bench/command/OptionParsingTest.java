package io.revkv.bench.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.revkv.bench.BenchMain;
import io.revkv.bench.compare.CompareRun;
import io.revkv.bench.compare.Launcher;
import io.revkv.bench.compare.LoadTarget;
import io.revkv.bench.load.Plan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

class OptionParsingTest {

    private static <T> T parse(Class<T> type, String... args) {
        ParseResult result = BenchMain.commandLine().parseArgs(args);
        return type.cast(result.subcommand().commandSpec().userObject());
    }

    @Test
    void putTakesEtcdBenchmarksOptions() {
        PutCommand put = parse(PutCommand.class, "put", "--endpoints", "127.0.0.1:1,http://127.0.0.1:2",
                "--clients", "8", "--conns", "2", "--duration", "10s", "--rate", "500", "--key-size", "16",
                "--val-size", "128", "--key-space-size", "1000", "--sequential-keys", "--json", "out.json");
        assertThat(put.options.endpoints).containsExactly("127.0.0.1:1", "http://127.0.0.1:2");
        assertThat(put.options.plan()).isEqualTo(new Plan(8, 0, Duration.ofSeconds(10), 500));
        assertThat(put.options.keys().keySize()).isEqualTo(16);
        assertThat(put.options.keys().sequential()).isTrue();
        assertThat(put.options.value()).hasSize(128);
        assertThat(put.options.json).isEqualTo(Path.of("out.json"));
    }

    @Test
    void withoutTotalOrDurationARunSendsTenThousandRequests() {
        RangeCommand range = parse(RangeCommand.class, "range");
        assertThat(range.options.plan()).isEqualTo(new Plan(1, 10_000, null, 0));
        assertThat(range.options.endpoints).containsExactly("127.0.0.1:2379");
        assertThat(range.consistency).isEqualTo("l");
    }

    @Test
    void totalAndDurationTogetherStopAtWhicheverComesFirst() {
        PutCommand put = parse(PutCommand.class, "put", "--total", "5", "--duration", "2m");
        assertThat(put.options.plan()).isEqualTo(new Plan(1, 5, Duration.ofMinutes(2), 0));
    }

    @Test
    void scenariosTakeTheirOwnOptions() {
        DefragUnderLoadCommand defrag = parse(DefragUnderLoadCommand.class, "defrag-under-load",
                "--preload-revisions", "2000", "--before", "500ms", "--after", "1s", "--rate", "200");
        assertThat(defrag.preload.revisions).isEqualTo(2000);
        assertThat(defrag.before).isEqualTo(Duration.ofMillis(500));
        assertThat(defrag.after).isEqualTo(Duration.ofSeconds(1));
        assertThat(defrag.options.rate).isEqualTo(200);
    }

    @Test
    void compareTakesListsOfClientsWorkloadsAndScenarios() {
        CompareCommand compare = parse(CompareCommand.class, "compare", "--clients", "1,8", "--workloads",
                "put,range-s", "--scenarios", "compaction-under-load", "--revkv-endpoint", "127.0.0.1:9");
        assertThat(compare.clients).containsExactly(1, 8);
        assertThat(compare.workloads).containsExactly("put", "range-s");
        assertThat(compare.scenarios).containsExactly("compaction-under-load");
        assertThat(compare.revkvEndpoint).isEqualTo("127.0.0.1:9");
    }

    @Test
    void footprintLaunchesItsServerWithTheLauncherOptions() {
        FootprintCommand footprint = parse(FootprintCommand.class, "footprint", "--server", "revkv", "--keys",
                "5000", "--txn-ops", "100", "--revkv-jar", "/x/run.jar", "--revkv-jvm-args=-Xmx64m -Xss1m");
        assertThat(footprint.keys).isEqualTo(5000);
        assertThat(footprint.txnOps).isEqualTo(100);
        assertThat(footprint.valSize).isEqualTo(256);
        assertThat(footprint.launcher.launcher("revkv").command()).endsWith("-Xmx64m", "-Xss1m", "-jar", "run.jar")
                .noneMatch(arg -> arg.startsWith("-XX:SharedArchiveFile"));
        assertThat(footprint.launcher.launcher("revkv").directory()).isEqualTo(Path.of("/x"));
        assertThat(footprint.launcher.launcher("etcd")).isEqualTo(Launcher.of(List.of("/usr/bin/etcd")));
        assertThatThrownBy(() -> footprint.launcher.launcher("zookeeper")).hasMessageContaining("etcd or revkv");
    }

    @Test
    void compareHandsItsLauncherOptionsToTheFootprintScenarioUnchanged() {
        CompareCommand compare = parse(CompareCommand.class, "compare", "--scenarios", "footprint",
                "--footprint-keys", "2000", "--etcd-binary", "/opt/etcd", "--revkv-jvm-args", "-Xmx2g");
        assertThat(compare.footprintKeys).isEqualTo(2000);
        List<String> args = new java.util.ArrayList<>(List.of("footprint", "--server", "etcd"));
        args.addAll(compare.launcher.args());
        FootprintCommand footprint = parse(FootprintCommand.class, args.toArray(String[]::new));
        assertThat(footprint.launcher.launcher("etcd")).isEqualTo(compare.launcher.launcher("etcd"))
                .isEqualTo(Launcher.of(List.of("/opt/etcd")));
        assertThat(footprint.launcher.launcher("revkv")).isEqualTo(compare.launcher.launcher("revkv"));
        assertThat(footprint.launcher.launcher("revkv").command()).contains("-Xmx2g");
    }

    /** As the image runs it: the entrypoint script with the app directory and JDK in its environment. */
    @Test
    void revkvRunsThroughTheImageEntrypointWithItsAppAndJdk() {
        FootprintCommand footprint = parse(FootprintCommand.class, "footprint", "--server", "revkv", "--writes",
                "9000", "--keys", "1000", "--revkv-jar", "/x/app/quarkus-run.jar", "--revkv-entrypoint",
                "/x/images/java-entrypoint.sh", "--revkv-java-home", "/opt/jdk-25", "--revkv-jvm-args=-XX:MaxRAM=2g");
        Launcher revkv = footprint.launcher.launcher("revkv");
        assertThat(footprint.writes).isEqualTo(9000);
        assertThat(revkv.command()).containsExactly("/x/images/java-entrypoint.sh");
        assertThat(revkv.directory()).as("the server's work directory, as the image's WORKDIR").isNull();
        assertThat(revkv.environment()).containsEntry("REVKV_APP", "/x/app").containsEntry("JAVA_HOME", "/opt/jdk-25")
                .containsEntry("JAVA_OPTS", "-XX:MaxRAM=2g");

        FootprintCommand defaults = parse(FootprintCommand.class, "footprint", "--server", "revkv",
                "--revkv-entrypoint", "/x/images/java-entrypoint.sh");
        assertThat(defaults.launcher.launcher("revkv").environment()).as("the java -jar flags are not the image's")
                .doesNotContainKey("JAVA_OPTS");
        List<String> handedOn = new java.util.ArrayList<>(List.of("footprint", "--server", "revkv"));
        handedOn.addAll(footprint.launcher.args());
        assertThat(parse(FootprintCommand.class, handedOn.toArray(String[]::new)).launcher.launcher("revkv"))
                .isEqualTo(revkv);
    }

    /** Quarkus' class-data archive loads only for the jar path it recorded: quarkus-run.jar in the app's directory. */
    @Test
    void revkvStartsInItsAppDirectoryWithTheClassDataArchiveBesideTheJar(@TempDir Path app) throws Exception {
        Files.writeString(app.resolve("app-cds.jsa"), "archive");
        FootprintCommand footprint = parse(FootprintCommand.class, "footprint", "--server", "revkv", "--revkv-jar",
                app.resolve("quarkus-run.jar").toString(), "--revkv-jvm-args=-Xmx64m");
        Launcher revkv = footprint.launcher.launcher("revkv");
        assertThat(revkv.command()).endsWith("-Xmx64m", "-XX:SharedArchiveFile=app-cds.jsa", "-jar",
                "quarkus-run.jar");
        assertThat(revkv.directory()).isEqualTo(app.toAbsolutePath());
    }

    @Test
    void aDurationNeedsAUnit() {
        assertThatThrownBy(() -> BenchMain.commandLine().parseArgs("put", "--duration", "10"))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("10s");
    }

    @Test
    void nonsenseNumbersAreRejectedBeforeAnyRequest() {
        PutCommand put = parse(PutCommand.class, "put", "--clients", "0");
        assertThatThrownBy(put.options::plan).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--clients");
    }

    @Test
    void everyCompareWorkloadIsASubcommandThatParses() {
        for (String workload : List.of("put", "range-l", "range-s", "txn-put", "watch", "lease-keepalive")) {
            List<String> args = Workloads.args(workload);
            assertThat(BenchMain.commandLine().parseArgs(args.toArray(String[]::new)).hasSubcommand()).isTrue();
        }
        assertThatThrownBy(() -> Workloads.args("delete")).hasMessageContaining("unknown workload");
    }

    @Test
    void compareTakesClusterSizesAndWhereTheLoadGoes() {
        CompareCommand compare = parse(CompareCommand.class, "compare", "--members", "1,3", "--target",
                "all,leader", "--scenarios", "leader-failover", "--failover-clients", "2", "--failover-rate", "80", "--failover-after", "4s");
        assertThat(compare.members).containsExactly(1, 3);
        assertThat(compare.loadTargets.stream().map(LoadTarget::parse)).containsExactly(LoadTarget.ALL,
                LoadTarget.LEADER);
        assertThat(compare.failoverClients).isEqualTo(2);
        assertThat(compare.failoverRate).isEqualTo(80);
        assertThat(compare.failoverAfter).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void aClusterIsOneMemberLoadedEverywhereUnlessToldOtherwise() {
        CompareCommand compare = parse(CompareCommand.class, "compare");
        assertThat(compare.members).containsExactly(1);
        assertThat(compare.loadTargets).containsExactly("all");
        assertThatThrownBy(() -> LoadTarget.parse("followers")).hasMessageContaining("all or leader");
    }

    @Test
    void leaderFailoverLaunchesAClusterOfAtLeastThree() throws Exception {
        LeaderFailoverCommand failover = parse(LeaderFailoverCommand.class, "leader-failover", "--server", "revkv",
                "--clients", "1", "--rate", "50", "--before", "1s", "--after", "3s", "--request-timeout", "500ms",
                "--revkv-jvm-args=-Xmx256m");
        assertThat(failover.members).isEqualTo(3);
        assertThat(failover.clients).isEqualTo(1);
        assertThat(failover.rate).isEqualTo(50);
        assertThat(failover.before).isEqualTo(Duration.ofSeconds(1));
        assertThat(failover.after).isEqualTo(Duration.ofSeconds(3));
        assertThat(failover.requestTimeout).isEqualTo(Duration.ofMillis(500));
        assertThat(failover.launcher.launcher("revkv").command()).contains("-Xmx256m");
        LeaderFailoverCommand pair = parse(LeaderFailoverCommand.class, "leader-failover", "--server", "etcd",
                "--members", "2");
        assertThatThrownBy(pair::call).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--members must be at least 3");
    }

    @Test
    void theShapeOfARunNamesItsMembersAndTarget() {
        assertThat(CompareRun.cluster(1, LoadTarget.LEADER)).isEqualTo("1");
        assertThat(CompareRun.cluster(3, LoadTarget.LEADER)).isEqualTo("3/leader");
        assertThat(new CompareRun("etcd", "3/all", "put", 1, 0, null, "x").series()).isEqualTo("put@3/all");
        assertThat(new CompareRun("etcd", "put", 1, 0, null, "x").series()).isEqualTo("put");
    }
}
