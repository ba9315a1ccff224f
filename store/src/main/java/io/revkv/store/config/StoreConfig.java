package io.revkv.store.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The store's configuration as the rest of the code reads it. Values come from {@link EtcdFlags} (which owns the
 * defaults, as etcd's flags do), or from {@code revkv.*} properties when the store is started without the CLI.
 */
@ConfigMapping(prefix = "revkv")
public interface StoreConfig {

    /** {@code --name}: this member's human-readable name. */
    String name();

    /** {@code --data-dir}: the RocksDB backend and the Raft log live below it. */
    String dataDir();

    /** {@code --advertise-client-urls}: reported by MemberList. */
    List<String> advertiseClientUrls();

    /** {@code --listen-peer-urls}: where Raft listens. */
    List<String> listenPeerUrls();

    /** {@code --initial-advertise-peer-urls}: this member's peer URLs as the others reach them. */
    List<String> initialAdvertisePeerUrls();

    /** {@code --initial-cluster}. */
    String initialCluster();

    /** {@code --initial-cluster-token}: distinguishes clusters built from the same peer URLs. */
    String initialClusterToken();

    /**
     * {@code --initial-cluster-state}: {@code new} forms a cluster of the {@code --initial-cluster} members;
     * {@code existing} joins a running cluster that added this member. Ignored once the member has data.
     */
    String initialClusterState();

    /** {@code --max-request-bytes}: larger requests fail with "etcdserver: request is too large". */
    int maxRequestBytes();

    /** {@code --max-txn-ops}: the most operations in one txn branch. */
    int maxTxnOps();

    /** {@code --experimental-compaction-batch-limit}: records deleted per physical compaction batch. */
    int compactionBatchLimit();

    /** {@code --experimental-compaction-sleep-interval}: pause between full compaction batches. */
    Duration compactionSleepInterval();

    /**
     * Whether clients must present a certificate signed by {@code --trusted-ca-file}: on an https client URL, with
     * {@code --client-cert-auth} or {@code --trusted-ca-file} (etcd demands verified client certificates for both).
     */
    boolean clientCertAuth();

    /** Whether {@code --listen-client-urls} are https: the client port then speaks TLS only. */
    boolean clientTls();

    /** {@code --peer-cert-file}: set only when the peer URLs are https; the Raft transport then speaks TLS. */
    Optional<String> peerCertFile();

    /** {@code --peer-key-file}: the PKCS#8 PEM key of {@link #peerCertFile()}. */
    Optional<String> peerKeyFile();

    /** {@code --peer-trusted-ca-file}: the CA that other members' certificates must be signed by. */
    Optional<String> peerTrustedCaFile();

    /**
     * Whether connecting members must show a certificate signed by {@link #peerTrustedCaFile()}: on https peer
     * URLs with {@code --peer-client-cert-auth} or {@code --peer-trusted-ca-file}, as etcd.
     */
    @WithDefault("false")
    boolean peerClientCertAuth();
    /** {@code --auto-compaction-mode}: {@code periodic} or {@code revision}. */
    @WithDefault("periodic")
    String autoCompactionMode();

    /** {@code --auto-compaction-retention}: "0" disables; see {@code CompactionRetention} for the parsing. */
    @WithDefault("0")
    String autoCompactionRetention();

    /** {@code --listen-metrics-urls}: extra listeners serving {@code /metrics}; empty for none. */
    Optional<List<String>> listenMetricsUrls();
    /** {@code --quota-backend-bytes}: the backend space quota; 0 means the default 2 GiB, negative means none. */
    long quotaBackendBytes();
    /** {@code --experimental-watch-progress-notify-interval}: how often progress_notify watchers hear the revision. */
    Duration watchProgressNotifyInterval();

    /** {@code --snapshot-count}: applied requests between two Raft snapshots (which let the Raft log be purged). */
    long snapshotCount();

    /** {@code --experimental-initial-corrupt-check}: compare HashKV with the other members before serving. */
    @WithDefault("false")
    boolean initialCorruptCheck();

    /** {@code --experimental-corrupt-check-time}: the leader's interval between corruption checks; zero is off. */
    @WithDefault("PT0S")
    Duration corruptCheckTime();

    /** {@code --cert-file}: also the certificate a member presents when it dials another member's https client URL. */
    Optional<String> certFile();

    /** {@code --key-file}: the key of {@link #certFile()}. */
    Optional<String> keyFile();

    /** {@code --trusted-ca-file}: also the CA a member trusts when it dials another member's https client URL. */
    Optional<String> trustedCaFile();
}
