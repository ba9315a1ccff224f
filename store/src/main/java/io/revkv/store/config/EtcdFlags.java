package io.revkv.store.config;

import io.revkv.store.compactor.CompactionRetention;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * etcd's command-line flags, so that an etcd command line or manifest starts revkv unchanged. Each flag may also be
 * set as an {@code ETCD_*} environment variable (see {@link EtcdEnvironment}). Unknown flags are an error.
 */
@Command(name = "revkv", mixinStandardHelpOptions = true, versionProvider = RevkvVersion.class,
        description = "An etcd-v3-compatible key-value store. Takes etcd's flags; each may also be given as ETCD_<FLAG>.",
        sortOptions = false, usageHelpAutoWidth = true)
public final class EtcdFlags {

    /** etcd 3.4's default --snapshot-count, which etcd also takes when given 0. */
    static final long DEFAULT_SNAPSHOT_COUNT = 100_000;

    @Option(names = "--name", defaultValue = "default", description = "Human-readable name for this member.")
    String name;

    @Option(names = "--data-dir", description = "Path to the data directory (default: <name>.etcd).")
    String dataDir;

    @Option(names = "--listen-client-urls", split = ",", defaultValue = "http://localhost:2379",
            description = "URLs to listen on for client traffic.")
    List<String> listenClientUrls;

    @Option(names = "--advertise-client-urls", split = ",", defaultValue = "http://localhost:2379",
            description = "This member's client URLs to advertise to the rest of the cluster.")
    List<String> advertiseClientUrls;

    @Option(names = "--listen-peer-urls", split = ",", defaultValue = "http://localhost:2380",
            description = "URLs to listen on for peer (Raft) traffic.")
    List<String> listenPeerUrls;

    @Option(names = "--initial-advertise-peer-urls", split = ",", defaultValue = "http://localhost:2380",
            description = "This member's peer URLs to advertise to the rest of the cluster.")
    List<String> initialAdvertisePeerUrls;

    @Option(names = "--initial-cluster",
            description = "Initial cluster configuration for bootstrapping (default: <name>=<initial-advertise-peer-urls>).")
    String initialCluster;

    @Option(names = "--initial-cluster-token", defaultValue = "etcd-cluster",
            description = "Initial cluster token for the cluster during bootstrap.")
    String initialClusterToken;

    @Option(names = "--initial-cluster-state", defaultValue = "new",
            description = "Initial cluster state ('new' or 'existing').")
    String initialClusterState;

    @Option(names = "--max-request-bytes", defaultValue = "1572864",
            description = "Maximum client request size in bytes the server will accept.")
    int maxRequestBytes;

    @Option(names = "--max-txn-ops", defaultValue = "128",
            description = "Maximum number of operations permitted in a transaction.")
    int maxTxnOps;

    @Option(names = {"--experimental-compaction-batch-limit", "--compaction-batch-limit"}, defaultValue = "1000",
            description = "Maximum number of revisions deleted in each physical compaction batch.")
    int compactionBatchLimit;

    @Option(names = {"--experimental-compaction-sleep-interval", "--compaction-sleep-interval"},
            defaultValue = "10ms", description = "Pause between physical compaction batches (a Go duration).")
    String compactionSleepInterval;

    @CommandLine.Mixin
    ClientTlsFlags clientTls = new ClientTlsFlags();
    @CommandLine.Mixin
    PeerTlsFlags peerTls = new PeerTlsFlags();
    @Option(names = "--auto-compaction-mode", defaultValue = "periodic",
            description = "Interpret 'auto-compaction-retention' one of: periodic|revision. 'periodic' for duration "
                    + "based retention, defaulting to hours if no time unit is provided (e.g. '5m'). 'revision' for "
                    + "revision number based retention.")
    String autoCompactionMode;

    @Option(names = "--auto-compaction-retention", defaultValue = "0",
            description = "Auto compaction retention for mvcc key value store. 0 means disable auto compaction.")
    String autoCompactionRetention;

    @Option(names = "--listen-metrics-urls", split = ",",
            description = "List of URLs to listen on for the metrics and health endpoints.")
    List<String> listenMetricsUrls;
    @Option(names = "--quota-backend-bytes", defaultValue = "0",
            description = "Raise alarms when backend size exceeds the given quota (0 defaults to low space quota).")
    long quotaBackendBytes;
    @Option(names = {"--experimental-watch-progress-notify-interval", "--watch-progress-notify-interval"},
            defaultValue = "10m", description = "Interval of watch progress notifications (a Go duration; at least 100ms).")
    String watchProgressNotifyInterval;
    @Option(names = "--snapshot-count", defaultValue = "" + DEFAULT_SNAPSHOT_COUNT,
            description = "Number of committed transactions to trigger a snapshot to disk.")
    long snapshotCount;

    @Option(names = "--experimental-initial-corrupt-check", arity = "0..1", fallbackValue = "true",
            defaultValue = "false", description = "Enable to check data corruption before serving any client/peer traffic.")
    boolean initialCorruptCheck;

    @Option(names = {"--experimental-corrupt-check-time", "--corrupt-check-time"}, defaultValue = "0s",
            description = "Duration of time between cluster corruption check passes (a Go duration; 0 disables).")
    String corruptCheckTime;

    /**
     * Parses an etcd command line into {@code flags}.
     *
     * @return false when --help or --version was asked for and printed: there is nothing to run
     * @throws CommandLine.ParameterException for unknown flags and bad values; the message says which
     */
    public static boolean parse(EtcdFlags flags, String[] args, Map<String, String> env) {
        CommandLine cli = new CommandLine(flags).setDefaultValueProvider(new EtcdEnvironment(env));
        // Go's flag package, and so etcd, lets a repeated flag's last value win.
        cli.setOverwrittenOptionsAllowed(true);
        if (CommandLine.printHelpIfRequested(cli.parseArgs(args))) {
            return false;
        }
        flags.validate(cli);
        return true;
    }

    private void validate(CommandLine cli) {
        try {
            ClientUrls.parse(listenClientUrls);
            advertiseClientUrls.forEach(ClientUrls::uri);
            listenPeerUrls.forEach(ClientUrls::uri);
            InitialCluster.parse(initialCluster()).peerUrls(name);
            GoDuration.parse(compactionSleepInterval);
            clientTls.validate(ClientUrls.parse(listenClientUrls));
            peerTls.validate(peerUrls(), InitialCluster.parse(initialCluster()).peers().values().stream()
                    .flatMap(List::stream).toList());
            CompactionRetention.parse(autoCompactionMode, autoCompactionRetention);
            listenMetricsUrls().forEach(ClientUrls::uri);
            GoDuration.parse(watchProgressNotifyInterval);
            GoDuration.parse(corruptCheckTime);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cli, e.getMessage(), e);
        }
        if (!initialClusterState.equals("new") && !initialClusterState.equals("existing")) {
            throw new CommandLine.ParameterException(cli,
                    "--initial-cluster-state must be 'new' or 'existing', got '" + initialClusterState + "'");
        }
        if (maxRequestBytes <= 0 || maxTxnOps <= 0 || compactionBatchLimit <= 0) {
            throw new CommandLine.ParameterException(cli,
                    "--max-request-bytes, --max-txn-ops and --experimental-compaction-batch-limit must be positive");
        }
        if (snapshotCount < 0) {
            throw new CommandLine.ParameterException(cli, "--snapshot-count must not be negative");
        }
    }

    private String initialCluster() {
        return initialCluster != null ? initialCluster : name + "=" + String.join("," + name + "=", initialAdvertisePeerUrls);
    }

    /** The flags as the Quarkus configuration the store reads: {@code revkv.*} and the HTTP/gRPC listener. */
    public Map<String, String> toConfig() {
        ClientUrls client = ClientUrls.parse(listenClientUrls);
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.http.host", client.host());
        config.put("quarkus.http.port", Integer.toString(client.port()));
        // etcd lets gRPC accept up to max-request-bytes plus 512 KiB of framing; the store itself then rejects
        // anything over max-request-bytes with etcd's "request is too large".
        config.put("quarkus.grpc.server.max-inbound-message-size", Integer.toString(maxRequestBytes + 512 * 1024));
        config.put("revkv.name", name);
        config.put("revkv.data-dir", dataDir != null ? dataDir : name + ".etcd");
        config.put("revkv.advertise-client-urls", String.join(",", advertiseClientUrls));
        config.put("revkv.listen-peer-urls", String.join(",", listenPeerUrls));
        config.put("revkv.initial-advertise-peer-urls", String.join(",", initialAdvertisePeerUrls));
        config.put("revkv.initial-cluster", initialCluster());
        config.put("revkv.initial-cluster-token", initialClusterToken);
        config.put("revkv.initial-cluster-state", initialClusterState);
        config.put("revkv.max-request-bytes", Integer.toString(maxRequestBytes));
        config.put("revkv.max-txn-ops", Integer.toString(maxTxnOps));
        config.put("revkv.compaction-batch-limit", Integer.toString(compactionBatchLimit));
        config.put("revkv.compaction-sleep-interval", GoDuration.parse(compactionSleepInterval).toString());
        config.putAll(clientTls.toConfig(client));
        config.putAll(peerTls.toConfig(peerUrls()));
        config.put("revkv.auto-compaction-mode", autoCompactionMode);
        config.put("revkv.auto-compaction-retention", autoCompactionRetention);
        config.put("revkv.listen-metrics-urls", String.join(",", listenMetricsUrls()));
        config.put("revkv.quota-backend-bytes", Long.toString(quotaBackendBytes));
        config.put("revkv.watch-progress-notify-interval", GoDuration.parse(watchProgressNotifyInterval).toString());
        config.put("revkv.snapshot-count", Long.toString(snapshotCount == 0 ? DEFAULT_SNAPSHOT_COUNT : snapshotCount));
        config.put("revkv.initial-corrupt-check", Boolean.toString(initialCorruptCheck));
        config.put("revkv.corrupt-check-time", GoDuration.parse(corruptCheckTime).toString());
        return config;
    }

    private List<URI> peerUrls() {
        return listenPeerUrls.stream().map(ClientUrls::uri).toList();
    }

    private List<String> listenMetricsUrls() {
        return listenMetricsUrls != null ? listenMetricsUrls : List.of();
    }
}
