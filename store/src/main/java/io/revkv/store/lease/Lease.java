package io.revkv.store.lease;

import com.google.protobuf.ByteString;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * One lease in memory (etcd's {@code lease.Lease}): its TTL, when it expires on this member, and its keys. Mutable,
 * guarded by the {@link LeaseTable} that owns it.
 */
final class Lease {

    /** The expiry of a lease on a lessor that is not primary: never. */
    static final long FOREVER = Long.MAX_VALUE;

    private final long id;
    private final long ttl;
    /** Seconds left at the last checkpoint, 0 if none: a new leader starts from it instead of the full TTL. */
    private long remainingTtl;
    private long expiry = FOREVER;
    /** Not handed to the expiry loop again before this time (etcd's expired-lease retry interval). */
    private long nextRevokeAttempt;
    private final NavigableSet<ByteString> keys = new TreeSet<>(ByteString.unsignedLexicographicalComparator());

    Lease(long id, long ttl, long remainingTtl) {
        this.id = id;
        this.ttl = ttl;
        this.remainingTtl = remainingTtl;
    }

    long id() {
        return id;
    }

    long ttl() {
        return ttl;
    }

    long expiry() {
        return expiry;
    }

    /** Expires {@code extendMillis} plus the remaining (checkpointed) or full TTL after {@code now}. */
    void refresh(long now, long extendMillis) {
        long seconds = remainingTtl > 0 ? remainingTtl : ttl;
        expiry = saturatedAdd(now, saturatedAdd(extendMillis, Math.multiplyExact(seconds, 1000L)));
        nextRevokeAttempt = 0;
    }

    /** A renewal restarts the full TTL, so a checkpointed remainder no longer applies. */
    void renew(long now) {
        remainingTtl = 0;
        refresh(now, 0);
    }

    void forever() {
        expiry = FOREVER;
        nextRevokeAttempt = 0;
    }

    /** Milliseconds until expiry; negative once expired, {@link #FOREVER} when it never expires. */
    long remainingMillis(long now) {
        return expiry == FOREVER ? FOREVER : expiry - now;
    }

    boolean expired(long now) {
        return expiry != FOREVER && expiry <= now;
    }

    /** Whether the expiry loop should propose its revoke now; if so, not again before {@code now + retry}. */
    boolean takeRevokeAttempt(long now, long retryMillis) {
        if (!expired(now) || nextRevokeAttempt > now) {
            return false;
        }
        nextRevokeAttempt = now + retryMillis;
        return true;
    }

    long remainingSeconds(long now) {
        return expiry == FOREVER ? Lessor.FOREVER_SECONDS : remainingMillis(now) / 1000;
    }

    NavigableSet<ByteString> keys() {
        return keys;
    }

    LeaseInfo info(long now) {
        return new LeaseInfo(id, ttl, remainingSeconds(now), List.copyOf(keys));
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? FOREVER - 1 : sum;
    }
}
