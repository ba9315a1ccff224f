package io.revkv.store;

import io.quarkus.runtime.Startup;
import io.revkv.store.apply.Applier;
import io.revkv.store.apply.BackendApplier;
import io.revkv.store.backend.Backend;
import io.revkv.store.config.InitialCluster;
import io.revkv.store.config.StoreConfig;
import io.revkv.store.lease.StoredLeases;
import io.revkv.store.mvcc.CompactionSettings;
import io.revkv.store.mvcc.KvStore;
import io.revkv.store.mvcc.MvccStore;
import io.revkv.store.raft.ClusterTopology;
import io.revkv.store.raft.KvStateMachine;
import io.revkv.store.raft.RaftMember;
import io.revkv.store.watch.WatchSettings;
import io.revkv.store.watch.WatchableStore;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/**
 * One store member, assembled: the backend and MVCC store under {@code <data-dir>/member/db}, the applier over them,
 * and the Raft member (log under {@code <data-dir>/member/raft}) that feeds the applier. Opened when the process
 * starts, so a member that cannot open its data fails at once rather than at its first request.
 */
@Startup
@Singleton
public class Member {

    private static final Logger LOG = Logger.getLogger(Member.class);

    private final StoreConfig config;
    private final Backend backend;
    private final KvStore kv;
    private final WatchableStore watchable;
    private final Applier applier;
    private final RaftMember raft;

    public Member(StoreConfig config) {
        this.config = config;
        Path memberDir = Path.of(config.dataDir()).toAbsolutePath().resolve("member");
        try {
            this.backend = Backend.open(memberDir.resolve("db"));
            this.watchable = new WatchableStore(MvccStore.open(backend,
                    new CompactionSettings(config.compactionBatchLimit(), config.compactionSleepInterval())),
                    WatchSettings.of(config.watchProgressNotifyInterval(), config.maxRequestBytes()));
            this.kv = watchable;
            this.applier = new BackendApplier(kv, new StoredLeases(backend));
            ClusterTopology topology = ClusterTopology.of(config.name(),
                    InitialCluster.parse(config.initialCluster()), config.initialClusterToken());
            this.raft = RaftMember.start(topology, URI.create(config.listenPeerUrls().get(0)),
                    memberDir.resolve("raft"), new KvStateMachine(kv, applier));
            LOG.infof("member %s (%x) of cluster %x serving from %s at revision %d", config.name(),
                    topology.localMemberId(), topology.clusterId(), memberDir, kv.currentRevision());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the member in " + memberDir, e);
        }
    }

    public StoreConfig config() {
        return config;
    }

    public KvStore kv() {
        return kv;
    }

    /** The store as watchers see it: the same store as {@link #kv()}. */
    public WatchableStore watchable() {
        return watchable;
    }

    public Applier applier() {
        return applier;
    }

    public RaftMember raft() {
        return raft;
    }

    public Backend backend() {
        return backend;
    }

    @PreDestroy
    void close() throws IOException {
        raft.close();
        kv.close();
        backend.close();
    }
}
