package io.revkv.store;

import io.quarkus.runtime.Startup;
import io.revkv.proto.etcdserverpb.LeaseRevokeRequest;
import io.revkv.proto.revkvpb.InternalRequest;
import io.revkv.store.alarm.AlarmRaiser;
import io.revkv.store.alarm.AlarmStore;
import io.revkv.store.api.ReadExecutor;
import io.revkv.store.apply.Applier;
import io.revkv.store.apply.BackendApplier;
import io.revkv.store.apply.CappedApplier;
import io.revkv.store.apply.CorruptApplier;
import io.revkv.store.apply.Quota;
import io.revkv.store.apply.QuotaApplier;
import io.revkv.store.backend.Backend;
import io.revkv.store.backend.BackendDirs;
import io.revkv.store.compactor.AutoCompaction;
import io.revkv.store.compactor.CompactionRetention;
import io.revkv.store.compactor.Compactor;
import io.revkv.store.compactor.SystemClock;
import io.revkv.store.config.InitialCluster;
import io.revkv.store.config.StoreConfig;
import io.revkv.store.corrupt.CorruptionChecks;
import io.revkv.store.corrupt.CorruptionMonitor;
import io.revkv.store.lease.Clock;
import io.revkv.store.lease.LeaseExpiry;
import io.revkv.store.lease.LeaseTable;
import io.revkv.store.lease.Lessor;
import io.revkv.store.lease.StoredLeases;
import io.revkv.store.membership.Bootstrap;
import io.revkv.store.membership.LocalIdentity;
import io.revkv.store.membership.MemberStore;
import io.revkv.store.mvcc.CompactionSettings;
import io.revkv.store.mvcc.KvStore;
import io.revkv.store.mvcc.MvccStore;
import io.revkv.store.mvcc.SnapshotMarks;
import io.revkv.store.raft.KvStateMachine;
import io.revkv.store.raft.PeerTls;
import io.revkv.store.raft.ProposedAlarms;
import io.revkv.store.raft.RaftMember;
import io.revkv.store.watch.WatchSettings;
import io.revkv.store.watch.WatchableStore;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
    /** The MVCC store, wrapped so that watchers see every write the applier makes through it. */
    private final WatchableStore kv;
    private final Applier applier;
    private final RaftMember raft;
    private final ReadExecutor readExecutor = new ReadExecutor();
    private final Compactor compactor;
    private final AlarmStore alarms;
    private final Quota quota;
    private final ProposedAlarms alarmRaiser = new ProposedAlarms();
    private final LeaseTable leases;
    private final LeaseExpiry leaseExpiry;
    private final MemberStore members;
    private final MemberPublication publication;
    private final RemovalWatch removal;
    private final CorruptionMonitor corruptionMonitor;

    public Member(StoreConfig config) {
        this.config = config;
        Path memberDir = Path.of(config.dataDir()).toAbsolutePath().resolve("member");
        try {
            BackendDirs.recover(memberDir.resolve("db"));
            this.backend = Backend.open(memberDir.resolve("db"));
            this.members = MemberStore.open(backend);
            RaftMember.Settings raftSettings = RaftMember.settings(URI.create(config.listenPeerUrls().get(0)),
                    memberDir.resolve("raft"), config.snapshotCount(), PeerTls.transport(config));
            boolean initialized = !members.isEmpty();
            LocalIdentity identity = Bootstrap.identify(memberDir, bootstrapFlags(config), members,
                    raftSettings.remoteMembership(this::listsThisMember));
            if (members.isRemoved(identity.memberId())) {
                throw new IllegalStateException("the member has been permanently removed from the cluster; "
                        + "to add it again, wipe " + memberDir + " and add it with etcdctl member add");
            }
            this.leases = new LeaseTable(Clock.SYSTEM, LeaseTable.minTtl(RaftMember.ELECTION_TIMEOUT),
                    StoredLeases.load(backend));
            this.alarms = AlarmStore.open(backend);
            this.quota = Quota.of(config.quotaBackendBytes(), backend::size);
            // Rebuilding the index takes seconds with millions of keys, and so does Ratis' start (reading its log,
            // electing a leader): they overlap, and the state machine applies nothing before the store is open.
            CompletableFuture<WatchableStore> opening = CompletableFuture.supplyAsync(() -> openStore(config),
                    task -> new Thread(task, "revkv-restore").start());
            CompletableFuture<KvStateMachine.Target> target = opening.thenApply(store -> new KvStateMachine.Target(
                    store, applierStack(new BackendApplier(store, leases, alarms, members)),
                    new StoreCheckpoints(backend, store, leases, alarms, members, () -> openMvcc(config))));
            CorruptionChecks corruption = CorruptionChecks.of(config, identity.memberId(), members);
            corruption.initial(initialized, () -> opened(opening));
            KvStateMachine machine = new KvStateMachine(target, new SnapshotMarks(backend), config.snapshotCount());
            this.raft = RaftMember.start(raftSettings, identity, members,
                    config.initialClusterState().equals("existing"), machine);
            this.kv = opened(opening);
            this.applier = opened(target).applier();
            this.compactor = startCompactor(config, raft, kv);
            this.corruptionMonitor = corruption.monitor(raft, kv);
            alarmRaiser.attach(raft);
            raft.leadership().addListener(this::leadershipChanged);
            this.leaseExpiry = LeaseExpiry.start(leases, this::proposeRevoke);
            this.publication = MemberPublication.start(raft, members, config.name(), config.advertiseClientUrls());
            this.removal = new RemovalWatch(raft, members);
            members.onChange(removal::check);
            machine.onConfigurationChanged(removal::check);
            LOG.infof("member %s (%x) of cluster %x serving from %s at revision %d", config.name(),
                    identity.memberId(), identity.clusterId(), memberDir, kv.currentRevision());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the member in " + memberDir, e);
        }
    }

    private static Bootstrap.Flags bootstrapFlags(StoreConfig config) {
        return new Bootstrap.Flags(config.name(), InitialCluster.parse(config.initialCluster()),
                config.initialClusterToken(), config.initialClusterState(), config.initialAdvertisePeerUrls());
    }

    /** Whether a membership learned from the cluster has this member (by its peer URLs) in it yet. */
    private boolean listsThisMember(io.revkv.proto.etcdserverpb.MemberListResponse list) {
        List<String> own = config.initialAdvertisePeerUrls().stream().sorted().toList();
        return list.getMembersList().stream().anyMatch(m -> m.getPeerURLsList().stream().sorted().toList().equals(own));
    }

    private WatchableStore openStore(StoreConfig config) {
        return new WatchableStore(openMvcc(config),
                WatchSettings.of(config.watchProgressNotifyInterval(), config.maxRequestBytes()));
    }

    private MvccStore openMvcc(StoreConfig config) {
        return MvccStore.open(backend,
                new CompactionSettings(config.compactionBatchLimit(), config.compactionSleepInterval()),
                leases::attach);
    }

    /** Waits for the store, failing as its opening did. */
    private static <T> T opened(CompletableFuture<T> opening) {
        try {
            return opening.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** etcd starts the auto-compactor on every member when retention is not 0; it compacts only on the leader. */
    private static Compactor startCompactor(StoreConfig config, RaftMember raft, KvStore kv) {
        CompactionRetention retention = CompactionRetention.parse(config.autoCompactionMode(),
                config.autoCompactionRetention());
        return retention.disabled() ? null : AutoCompaction.start(retention, raft, kv::currentRevision, new SystemClock());
    }

    /** etcd's order, outermost first: a CORRUPT alarm refuses everything, NOSPACE caps writes, then the quota. */
    private Applier applierStack(Applier backendApplier) {
        return new CorruptApplier(new CappedApplier(new QuotaApplier(backendApplier, quota, alarms, alarmRaiser),
                alarms), alarms);
    }

    // The parts, as beans: services inject the part they use, never the member. Each is opened by the constructor
    // above (so it exists before any service does) and closed by close() below, in the member's order.

    /** The store the applier writes and the API reads. */
    @Produces
    @Singleton
    @Typed(KvStore.class)
    KvStore kv() {
        return kv;
    }

    /** The store as watchers see it: the same store as {@link #kv()}. */
    @Produces
    @Singleton
    @Typed(WatchableStore.class)
    WatchableStore watchable() {
        return kv;
    }

    /** The applier stack; the API runs reads through it (writes reach it through Raft). */
    @Produces
    @Singleton
    Applier applier() {
        return applier;
    }

    @Produces
    @Singleton
    RaftMember raft() {
        return raft;
    }

    @Produces
    @Singleton
    ReadExecutor readExecutor() {
        return readExecutor;
    }

    @Produces
    @Singleton
    Backend backend() {
        return backend;
    }

    @Produces
    @Singleton
    AlarmStore alarms() {
        return alarms;
    }

    @Produces
    @Singleton
    Quota quota() {
        return quota;
    }

    /** Raises an alarm for this member through Raft. */
    @Produces
    @Singleton
    @Typed(AlarmRaiser.class)
    AlarmRaiser alarmRaiser() {
        return alarmRaiser;
    }

    /** The cluster's membership as this member has applied it. */
    @Produces
    @Singleton
    MemberStore members() {
        return members;
    }

    @Produces
    @Singleton
    @Typed(Lessor.class)
    Lessor leases() {
        return leases;
    }

    /** Only the leader expires leases; a new leader gives each its full TTL again, plus an election timeout. */
    private void leadershipChanged(boolean leading) {
        if (leading) {
            leases.promote(RaftMember.ELECTION_TIMEOUT);
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
        readExecutor.shutdown();
        corruptionMonitor.close();
        if (compactor != null) {
            compactor.stop();
        }
        leaseExpiry.close();
        publication.close();
        raft.close();
        kv.close();
        backend.close();
    }
}
