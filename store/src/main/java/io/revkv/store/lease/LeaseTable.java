package io.revkv.store.lease;

import com.google.protobuf.ByteString;
import io.revkv.store.errors.EtcdError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link Lessor}: every lease in memory, and which lease each key belongs to (etcd's {@code lessor}). Durable
 * state lives in the backend's {@code lease} bucket, written by the applier ({@link StoredLeases}); this table is
 * rebuilt from it on start, with key attachments rebuilt from the keys' latest records.
 */
public final class LeaseTable implements Lessor {

    /** etcd's {@code expiredLeaseRetryInterval}: an expired lease whose revoke got lost is proposed again after it. */
    static final long REVOKE_RETRY_MILLIS = 3000;

    private final Clock clock;
    private final long minTtl;
    private final Map<Long, Lease> leases = new HashMap<>();
    private final Map<ByteString, Lease> keyLeases = new HashMap<>();
    private boolean primary;

    /**
     * @param stored the leases of the {@code lease} bucket ({@link StoredLeases#load}); they never expire until
     *               this lessor is promoted
     */
    public LeaseTable(Clock clock, long minTtl, Collection<io.revkv.proto.leasepb.Lease> stored) {
        this.clock = clock;
        this.minTtl = minTtl;
        stored.forEach(l -> leases.put(l.getID(), new Lease(l.getID(), l.getTTL(), l.getRemainingTTL())));
    }

    /**
     * Forgets every lease and takes {@code stored} instead, after a snapshot from the leader replaced the backend;
     * the keys' attachments are told again as the store reopens ({@link #attach}). Whether this lessor is primary
     * does not change.
     */
    public synchronized void reload(Collection<io.revkv.proto.leasepb.Lease> stored) {
        leases.clear();
        keyLeases.clear();
        stored.forEach(l -> leases.put(l.getID(), new Lease(l.getID(), l.getTTL(), l.getRemainingTTL())));
    }

    /** etcd's minimum TTL: 1.5 election timeouts, rounded up to whole seconds (2 s with the 1 s default). */
    public static long minTtl(Duration electionTimeout) {
        long millis = electionTimeout.toMillis() * 3 / 2;
        return (millis + 999) / 1000;
    }

    @Override
    public synchronized boolean exists(long id) {
        return leases.containsKey(id);
    }

    @Override
    public synchronized long grant(long id, long ttl) {
        if (id == 0) {
            throw EtcdError.LEASE_NOT_FOUND.exception();
        }
        if (ttl > MAX_TTL) {
            throw EtcdError.TOO_LARGE_TTL.exception();
        }
        if (leases.containsKey(id)) {
            throw EtcdError.LEASE_EXIST.exception();
        }
        Lease lease = new Lease(id, Math.max(ttl, minTtl), 0);
        if (primary) {
            lease.refresh(clock.millis(), 0);
        }
        leases.put(id, lease);
        return lease.ttl();
    }

    @Override
    public synchronized List<ByteString> revoke(long id) {
        Lease lease = leases.remove(id);
        if (lease == null) {
            throw EtcdError.LEASE_NOT_FOUND.exception();
        }
        lease.keys().forEach(keyLeases::remove);
        return List.copyOf(lease.keys());
    }

    @Override
    public synchronized void attach(ByteString key, long id) {
        detach(key);
        Lease lease = leases.get(id);
        if (lease != null) {
            lease.keys().add(key);
            keyLeases.put(key, lease);
        }
    }

    @Override
    public synchronized void detach(ByteString key) {
        Lease previous = keyLeases.remove(key);
        if (previous != null) {
            previous.keys().remove(key);
        }
    }

    @Override
    public synchronized long renew(long id) {
        if (!primary) {
            throw EtcdError.NOT_PRIMARY.exception();
        }
        long now = clock.millis();
        Lease lease = leases.get(id);
        if (lease == null || lease.expired(now)) {
            throw EtcdError.LEASE_NOT_FOUND.exception();
        }
        lease.renew(now);
        return lease.ttl();
    }

    @Override
    public synchronized Optional<LeaseInfo> timeToLive(long id) {
        Lease lease = leases.get(id);
        return lease == null ? Optional.empty() : Optional.of(lease.info(clock.millis()));
    }

    @Override
    public synchronized List<Long> leases() {
        return bySoonestExpiry().stream().map(Lease::id).toList();
    }

    @Override
    public synchronized List<Long> expired(int limit) {
        if (!primary) {
            return List.of();
        }
        long now = clock.millis();
        List<Long> due = new ArrayList<>();
        for (Lease lease : bySoonestExpiry()) {
            if (due.size() >= limit || !lease.expired(now)) {
                break;
            }
            if (lease.takeRevokeAttempt(now, REVOKE_RETRY_MILLIS)) {
                due.add(lease.id());
            }
        }
        return due;
    }

    @Override
    public synchronized void promote(Duration extend) {
        primary = true;
        long now = clock.millis();
        leases.values().forEach(l -> l.refresh(now, extend.toMillis()));
        ExpirySpread.spread(bySoonestExpiry(), now, extend.toMillis());
    }

    @Override
    public synchronized void demote() {
        primary = false;
        leases.values().forEach(Lease::forever);
    }

    private List<Lease> bySoonestExpiry() {
        List<Lease> sorted = new ArrayList<>(leases.values());
        sorted.sort(Comparator.comparingLong(Lease::expiry).thenComparingLong(Lease::id));
        return sorted;
    }
}
