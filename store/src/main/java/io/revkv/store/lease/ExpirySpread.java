package io.revkv.store.lease;

import java.util.List;

/**
 * Spreads out expiries that pile up when a new leader refreshes every lease at once (etcd's {@code Promote}): within
 * any one-second window at most {@value #TARGET_PER_SECOND} leases expire (three quarters of etcd's revoke rate of
 * 1000/s, so piled-up leases never take the whole revoke budget); the others are pushed back.
 *
 * <p>Worked example, 2000 leases all expiring at the same moment E: the first 750 keep E; lease 751 expires
 * 1000 × 751/750 ms after E, and so on up to lease 2000 at E + 2.67 s, so each later second holds about 750.
 */
final class ExpirySpread {

    static final int TARGET_PER_SECOND = 750;

    private ExpirySpread() {
    }

    /** {@code leases} sorted soonest first, just refreshed at {@code now} with {@code extendMillis}. */
    static void spread(List<Lease> leases, long now, long extendMillis) {
        if (leases.isEmpty()) {
            return;
        }
        long baseWindow = leases.get(0).remainingMillis(now);
        long nextWindow = baseWindow + 1000;
        int expires = 0;
        for (Lease lease : leases) {
            long remaining = lease.remainingMillis(now);
            if (remaining > nextWindow) {
                baseWindow = remaining;
                nextWindow = baseWindow + 1000;
                expires = 1;
                continue;
            }
            expires++;
            if (expires <= TARGET_PER_SECOND) {
                continue;
            }
            // A lease n seconds after the window's start needs to move by only what the window overflows.
            long delay = (long) (1000.0 * expires / TARGET_PER_SECOND) - (remaining - baseWindow);
            nextWindow = baseWindow + delay;
            lease.refresh(now, delay + extendMillis);
        }
    }
}
