package io.revkv.store.raft;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.RaftConfigKeys;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;

/**
 * How revkv tunes Ratis: etcd's timeouts, the log's segments and caches, snapshots and purging, and linearizable
 * reads. Each setting says what it was measured to buy.
 */
final class RaftSettings {

    /** etcd's default --election-timeout, the least time a member waits before it stands for leader. */
    static final Duration ELECTION_TIMEOUT = Duration.ofSeconds(1);

    /** etcd's request timeout: 5 s + 2 × the election timeout. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5).plus(ELECTION_TIMEOUT.multipliedBy(2));

    /**
     * Entries being replicated at once: two keep the log busy (one is written while the one before is applied)
     * and leave everything else waiting to share the next entry.
     */
    static final int MAX_ENTRIES_IN_FLIGHT = 2;
    /**
     * Entries a follower forwards to the leader at once: each also waits for a loopback round trip or two and the
     * leader's hand-offs, and with only two in flight a follower wrote at a quarter of the leader's rate
     * (bench compare, 3 members, load on all members).
     */
    static final int MAX_FORWARDED_ENTRIES_IN_FLIGHT = 8;
    /** An entry takes more proposals while under 1 MiB, well inside Ratis' 4 MiB limit on an append's entries. */
    static final int MAX_ENTRY_BYTES = 1 << 20;
    /**
     * Ratis purges whole closed segments only. A quarter of its 32 MB default, so that the entries of one
     * {@code --snapshot-count} interval of small requests (100 000 puts of ~100 bytes are ~15 MB) span several
     * segments and the log shrinks to about one interval after each snapshot.
     */
    static final SizeInBytes LOG_SEGMENT_SIZE = SizeInBytes.valueOf("8MB");
    /**
     * How far ahead of its end Ratis fills a log segment with zeros, so that an fsync need not update the file's size.
     * The next fsync writes the whole fill to disk: with Ratis' 4 MB, a new segment stalled appends for 11-14 ms. 64 KB
     * a time spreads that over the appends (one fill per ~200 puts); the roll's stall is now about 9 ms.
     */
    static final SizeInBytes LOG_PREALLOCATION = SizeInBytes.valueOf("64KB");
    /** The log entries Ratis caches on the heap: at most this many closed segments, and this many bytes. */
    static final int LOG_CACHE_SEGMENTS = 1;
    static final long LOG_CACHE_BYTES = 64L << 20;
    /**
     * How long Ratis remembers an entry's reply, to answer a client that sends the same call again instead of applying
     * it twice: past the last time a member sends a write again ({@link LeaderSubmission}, until its request times
     * out). Ratis' 60 s kept a minute of replies
     * on the heap, each copied by young collection after young collection before it died in the old generation.
     */
    static final Duration RETRY_CACHE_EXPIRY = REQUEST_TIMEOUT.plusSeconds(3);

    private RaftSettings() {
    }

    static RaftProperties properties(URI listenPeerUrl, Path raftDir, long snapshotCount) {
        RaftProperties p = new RaftProperties();
        RaftServerConfigKeys.setStorageDir(p, List.of(raftDir.toFile()));
        // The Raft log is the store's only write-ahead log (the backend writes no WAL of its own), so it must not be
        // purged above what the backend holds durably: the state machine flushes the backend in each snapshot. It asks
        // for one every snapshotCount requests (SnapshotSchedule), at any distance from the last one in entries;
        // Ratis' own trigger every snapshotCount entries is the backstop, and it takes one when it stops (so a clean
        // restart replays nothing).
        RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(p, true);
        RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(p, snapshotCount);
        RaftServerConfigKeys.Snapshot.setCreationGap(p, 1);
        // Purge up to the snapshot whether or not every member has that far (etcd's --snapshot-count): a member that
        // is down or behind the purged log gets the snapshot's checkpoint instead (KvStateMachine), so a member down
        // for a day does not keep a day of log on every other.
        RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(p, true);
        RaftServerConfigKeys.Log.setPurgeGap(p, 1);
        RaftServerConfigKeys.Log.setSegmentSizeMax(p, LOG_SEGMENT_SIZE);
        RaftServerConfigKeys.Log.setPreallocatedSize(p, LOG_PREALLOCATION);
        // Ratis' metadata entries record each new commit index in the log: one more entry, written and fsynced by
        // every member, per commit (on 3 members under one client, two log fsyncs per member per put). The state
        // machine keeps its own consistent index, so nothing needs them on a restart; a follower learns of a commit
        // at once from the heartbeat CommitHeartbeats sends instead.
        RaftServerConfigKeys.Log.setLogMetadataEnabled(p, false);
        RaftConfigKeys.Rpc.setType(p, new CommitHeartbeats());
        GrpcConfigKeys.Server.setHost(p, listenPeerUrl.getHost());
        GrpcConfigKeys.Server.setPort(p, listenPeerUrl.getPort());
        // etcd's default Range is linearizable: Ratis must answer reads through ReadIndex.
        RaftServerConfigKeys.Read.setOption(p, RaftServerConfigKeys.Read.Option.LINEARIZABLE);
        // Ratis keeps up to 6 closed log segments (200 MiB) of entries on the heap, to send them to followers; the
        // state machine has applied them already, and a follower that far behind is served from the segment files.
        // Each cached entry survives young collections and dies in the old generation: one closed segment besides the
        // open one (at 1000 puts/s: 15 000 entries instead of 63 000 live on the heap).
        RaftServerConfigKeys.Log.setSegmentCacheNumMax(p, LOG_CACHE_SEGMENTS);
        RaftServerConfigKeys.Log.setSegmentCacheSizeMax(p, SizeInBytes.valueOf(LOG_CACHE_BYTES));
        RaftServerConfigKeys.RetryCache.setExpiryTime(p,
                ratis(RETRY_CACHE_EXPIRY));
        // A follower forwards writes through Ratis' client transport, which waits 3 s by default for an answer before
        // the call is sent again: a write sent to a leader that had just stopped (SIGSTOP) or been partitioned stalled
        // that long, where a new leader is elected within about an election timeout. Sending again is safe: it is the
        // same call, which a leader's retry cache answers without applying it twice (LeaderSubmission).
        RaftClientConfigKeys.Rpc.setRequestTimeout(p, ratis(ELECTION_TIMEOUT));
        RaftServerConfigKeys.Rpc.setTimeoutMin(p, ratis(ELECTION_TIMEOUT));
        RaftServerConfigKeys.Rpc.setTimeoutMax(p,
                ratis(ELECTION_TIMEOUT.multipliedBy(2)));
        // A lone member need not wait a whole election timeout to lead after a start.
        RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMin(p, ratis(Duration.ofMillis(50)));
        RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMax(p, ratis(Duration.ofMillis(150)));
        return p;
    }

    static TimeDuration ratis(Duration duration) {
        return TimeDuration.valueOf(duration.toMillis(), TimeUnit.MILLISECONDS);
    }
}
