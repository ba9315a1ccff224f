package io.revkv.store.lease;

import com.google.protobuf.ByteString;
import io.revkv.store.errors.EtcdError;
import io.revkv.store.errors.EtcdException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The leases the store knows, with their TTLs, expiry and attached keys (etcd's {@code lease.Lessor}).
 *
 * <p>Two kinds of callers:
 * <ul>
 *   <li>the applier, in log order, for what is replicated: {@link #grant}, {@link #revoke}, {@link #attach},
 *       {@link #detach}. These must give the same answer on every member, so they never look at the clock to
 *       decide; the applier persists their effect in the entry's write txn;</li>
 *   <li>the API and the expiry loop, for what is local to the leader: {@link #renew}, {@link #timeToLive},
 *       {@link #leases}, {@link #expired}, and leadership changes ({@link #promote}, {@link #demote}).</li>
 * </ul>
 * Expiry exists only on the primary lessor (the leader's). A follower keeps every lease forever: the leader decides
 * when a lease has expired and proposes its revoke. Thread-safe.
 */
public interface Lessor {

    /** etcd's {@code MaxLeaseTTL}: a larger grant fails with {@link EtcdError#TOO_LARGE_TTL}. */
    long MAX_TTL = 9_000_000_000L;

    /** The remaining seconds of a lease that never expires here: Go's max duration in seconds, as etcd reports. */
    long FOREVER_SECONDS = Long.MAX_VALUE / 1_000_000_000L;

    /** Whether lease {@code id} exists now (granted, not yet revoked). */
    boolean exists(long id);

    /**
     * Grants lease {@code id}; a TTL below the minimum (also 0 or negative) is raised to it. On the primary the lease
     * expires TTL seconds from now.
     *
     * @return the effective TTL in seconds
     * @throws EtcdException {@link EtcdError#LEASE_NOT_FOUND} if {@code id} is 0 (the API picks an ID before
     *                        proposing), {@link EtcdError#TOO_LARGE_TTL} if {@code ttl > MAX_TTL},
     *                        {@link EtcdError#LEASE_EXIST} if {@code id} is in use
     */
    long grant(long id, long ttl);

    /**
     * Forgets lease {@code id} and its attachments.
     *
     * @return the keys that were attached, in ascending unsigned byte order: the order the applier deletes them in
     * @throws EtcdException {@link EtcdError#LEASE_NOT_FOUND} if there is no such lease
     */
    List<ByteString> revoke(long id);

    /** {@code key} now belongs to lease {@code id} (0: to none), and no longer to the lease it had before. */
    void attach(ByteString key, long id);

    /** {@code key} no longer belongs to any lease. */
    void detach(ByteString key);

    /**
     * Renews lease {@code id} to expire TTL seconds from now.
     *
     * @return the lease's TTL
     * @throws EtcdException {@link EtcdError#LEASE_NOT_FOUND} if there is no such lease, or it has expired and
     *                        awaits its revoke; {@link EtcdError#NOT_PRIMARY} if this lessor is not the primary
     */
    long renew(long id);

    /** What TimeToLive tells about lease {@code id}; empty if there is no such lease. */
    Optional<LeaseInfo> timeToLive(long id);

    /** Every lease ID, soonest to expire first. */
    List<Long> leases();

    /**
     * The expired leases to revoke now, soonest expired first, at most {@code limit}. A lease returned here is not
     * returned again for a retry interval, so a revoke still in flight is not proposed twice but a lost one is
     * retried. Empty unless primary.
     */
    List<Long> expired(int limit);

    /**
     * This member became the leader: every lease expires its full TTL plus {@code extend} from now (so a restart or
     * a leader change extends every lease), with piled-up expiries spread out.
     */
    void promote(Duration extend);

    /** This member is no longer the leader: leases stop expiring here. */
    void demote();
}
