package io.revkv.store;

import io.quarkus.runtime.Startup;
import io.revkv.proto.etcdserverpb.LeaseRevokeRequest;
import io.revkv.proto.revkvpb.InternalRequest;
import io.revkv.store.apply.Applier;
import io.revkv.store.apply.BackendApplier;
import io.revkv.store.apply.LeaseAttachments;
import io.revkv.store.backend.Backend;
import io.revkv.store.config.InitialCluster;
import io.revkv.store.config.StoreConfig;
import io.revkv.store.lease.Clock;
import io.revkv.store.lease.LeaseExpiry;
import io.revkv.store.lease.LeaseTable;
import io.revkv.store.lease.Lessor;
import io.revkv.store.lease.StoredLeases;
import io.revkv.store.mvcc.CompactionSettings;
import io.revkv.store.mvcc.KvStore;
import io.revkv.store.mvcc.MvccStore;
import io.revkv.store.raft.ClusterTopology;
import io.revkv.store.raft.KvStateMachine;
import io.revkv.store.raft.RaftMember;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
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
    /** RaftMember's minimum election timeout (etcd's default --election-timeout): sets the lease minimum TTL. */
    private static final Duration ELECTION_TIMEOUT = Duration.ofSeconds(1);

    private final StoreConfig config;
    private final Backend backend;
    private final KvStore kv;
    private final Applier applier;
    private final RaftMember raft;
    private final LeaseTable leases;
    private final LeaseExpiry leaseExpiry;

    public Member(StoreConfig config) {
        this.config = config;
        Path memberDir = Path.of(config.dataDir()).toAbsolutePath().resolve("member");
        try {
            this.backend = Backend.open(memberDir.resolve("db"));
            this.kv = MvccStore.open(backend,
                    new CompactionSettings(config.compactionBatchLimit(), config.compactionSleepInterval()));
            this.leases = new LeaseTable(Clock.SYSTEM, LeaseTable.minTtl(ELECTION_TIMEOUT),
                    StoredLeases.load(backend));
            LeaseAttachments.rebuild(kv, leases);
            this.applier = new BackendApplier(kv, leases);
            ClusterTopology topology = ClusterTopology.of(config.name(),
                    InitialCluster.parse(config.initialCluster()), config.initialClusterToken());
            this.raft = RaftMember.start(topology, URI.create(config.listenPeerUrls().get(0)),
                    memberDir.resolve("raft"), new KvStateMachine(kv, applier));
            raft.leadership().addListener(this::leadershipChanged);
            this.leaseExpiry = LeaseExpiry.start(leases, this::proposeRevoke);
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

    public Applier applier() {
        return applier;
    }

    public RaftMember raft() {
        return raft;
    }

    public Backend backend() {
        return backend;
    }

    public Lessor leases() {
        return leases;
    }

    /** Only the leader expires leases; a new leader gives each its full TTL again, plus an election timeout. */
    private void leadershipChanged(boolean leading) {
        if (leading) {
            leases.promote(ELECTION_TIMEOUT);
        } else {
            leases.demote();
        }
    }

    private CompletableFuture<?> proposeRevoke(long id) {
        return raft.propose(InternalRequest.newBuilder()
                .setLeaseRevoke(LeaseRevokeRequest.newBuilder().setID(id)).build());
    }

    @PreDestroy
    void close() throws IOException {
        leaseExpiry.close();
        raft.close();
        kv.close();
        backend.close();
    }
}
