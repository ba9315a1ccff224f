package io.revkv.store.lease;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The leader's expiry loop (etcd's {@code lessor.runLoop} with the server's revoke goroutines): every
 * {@value #INTERVAL_MILLIS} ms it asks the lessor for expired leases and proposes a revoke for each, at most
 * {@value #REVOKES_PER_PASS} per pass (half of etcd's revoke rate of 1000/s, per half second). A revoke that fails
 * (lost leadership, a timeout) is not retried here: the lessor hands the lease out again after its retry interval.
 * On a follower the lessor reports nothing expired, so the loop idles.
 */
public final class LeaseExpiry implements AutoCloseable {

    static final long INTERVAL_MILLIS = 500;
    static final int REVOKES_PER_PASS = 500;
    private static final Logger LOG = Logger.getLogger(LeaseExpiry.class);

    private final Lessor lessor;
    private final LeaseRevoker revoker;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "lease-expiry");
        thread.setDaemon(true);
        return thread;
    });

    LeaseExpiry(Lessor lessor, LeaseRevoker revoker) {
        this.lessor = lessor;
        this.revoker = revoker;
    }

    /** Starts checking for expired leases every {@value #INTERVAL_MILLIS} ms until closed. */
    public static LeaseExpiry start(Lessor lessor, LeaseRevoker revoker) {
        LeaseExpiry expiry = new LeaseExpiry(lessor, revoker);
        expiry.timer.scheduleWithFixedDelay(expiry::revokeExpiredSafely, INTERVAL_MILLIS, INTERVAL_MILLIS,
                TimeUnit.MILLISECONDS);
        return expiry;
    }

    /** One pass: proposes a revoke for each lease due; returns how many were proposed. */
    int revokeExpired() {
        int proposed = 0;
        for (long id : lessor.expired(REVOKES_PER_PASS)) {
            revoker.revoke(id).whenComplete((done, error) -> {
                if (error != null) {
                    LOG.debugf("revoking expired lease %x failed, will retry: %s", id, error.getMessage());
                }
            });
            proposed++;
        }
        return proposed;
    }

    /** An exception would cancel the scheduled task for good: log it and keep the loop alive. */
    private void revokeExpiredSafely() {
        try {
            revokeExpired();
        } catch (RuntimeException e) {
            LOG.errorf(e, "lease expiry pass failed");
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
