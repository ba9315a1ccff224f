package io.revkv.store.corrupt;

import io.revkv.store.config.StoreConfig;
import io.revkv.store.membership.MemberStore;
import io.revkv.store.mvcc.KvStore;
import io.revkv.store.raft.RaftMember;
import java.time.Duration;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The corruption checks as a member runs them: the initial check before Raft starts, the periodic check after.
 * Built once the member knows its ID and its membership; {@link PeerHashSource} reaches the other members.
 */
public final class CorruptionChecks {

    private static final Logger LOG = Logger.getLogger(CorruptionChecks.class);

    /** etcd's {@code ReqTimeout()}: 5 s plus two election timeouts; bounds each peer call and the read index. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5).plus(RaftMember.ELECTION_TIMEOUT.multipliedBy(2));

    private final long self;
    private final PeerHashSource peers;
    private final boolean initialEnabled;
    private final Duration interval;

    CorruptionChecks(long self, PeerHashSource peers, boolean initialEnabled, Duration interval) {
        this.self = self;
        this.peers = peers;
        this.initialEnabled = initialEnabled;
        this.interval = interval;
    }

    /** The checks {@code config} asks for, of member {@code self}, reaching the members of {@code members}. */
    public static CorruptionChecks of(StoreConfig config, long self, MemberStore members) {
        ClientCredentials credentials = new ClientCredentials(config.certFile(), config.keyFile(),
                config.trustedCaFile());
        return new CorruptionChecks(self, new PeerHashes(self, members, credentials, REQUEST_TIMEOUT),
                config.initialCorruptCheck(), config.corruptCheckTime());
    }

    /**
     * {@code --experimental-initial-corrupt-check}: compares this member's HashKV with every peer's at the same
     * revision before Raft starts. Only a member that already has data checks (etcd skips a newly started member).
     *
     * @param initialized whether the member had data when it started; nothing is checked otherwise
     * @param store       waits for the opened store, which must not have applied anything of this run yet
     * @throws IllegalStateException with etcd's "{@code <id> found data inconsistency with peers}" on a mismatch
     */
    public void initial(boolean initialized, Supplier<KvStore> store) {
        if (!initialEnabled || !initialized) {
            return;
        }
        LOG.infof("starting initial corruption check {local-member-id=%x, timeout=%s}", self, REQUEST_TIMEOUT);
        KvHash local = KvHash.of(store.get().hashKv(0));
        InitialCheck.Result result = InitialCheck.compare(self, local, peers.at(local.revision()));
        result.findings().forEach(CorruptionChecks::log);
        if (!result.passed()) {
            throw new IllegalStateException(InitialCheck.inconsistency(self));
        }
        LOG.infof("initial corruption checking passed; no corruption {local-member-id=%x}", self);
    }

    /**
     * Starts the periodic check on the leader every {@code --experimental-corrupt-check-time}; a zero (or negative)
     * interval is off and returns a monitor that does nothing. Close it when the member stops.
     */
    public CorruptionMonitor monitor(RaftMember raft, KvStore store) {
        if (interval.isZero() || interval.isNegative()) {
            return CorruptionMonitor.off();
        }
        LOG.infof("enabled corruption checking {local-member-id=%x, interval=%s}", self, interval);
        return CorruptionMonitor.start(interval, raft, store, peers);
    }

    static void log(Finding finding) {
        if (finding.warning()) {
            LOG.warn(finding);
        } else {
            LOG.info(finding);
        }
    }
}
