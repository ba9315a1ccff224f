package io.revkv.store.compactor;

import io.revkv.store.errors.EtcdError;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.jboss.logging.Logger;

/**
 * One auto-compaction, logged with etcd 3.4's words. A compaction that fails because the revision is already
 * compacted counts as a success (etcd: {@code err == nil || err == mvcc.ErrCompacted}): another member or a client
 * got there first, and retrying the same revision could never succeed.
 */
final class CompactionAttempt {

    private static final Logger LOG = Logger.getLogger(CompactionAttempt.class);

    private CompactionAttempt() {
    }

    /**
     * @param retention as logged: {@code 5s}, {@code 10 revisions}
     * @param retry     as logged after a failure: when the next attempt comes
     * @return whether the compaction succeeded or had already been done
     */
    static boolean run(Compactable compactable, long revision, String retention, String retry) {
        LOG.infof("Starting auto-compaction at revision %d (retention: %s)", revision, retention);
        try {
            compactable.compact(revision).get();
            LOG.infof("Finished auto-compaction at revision %d", revision);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return outcome(revision, retry, e.getCause());
        } catch (RuntimeException e) {
            // compact() itself may throw, wrapped or not, before it has a future to fail.
            return outcome(revision, retry, e instanceof CompletionException && e.getCause() != null ? e.getCause() : e);
        }
    }

    private static boolean outcome(long revision, String retry, Throwable error) {
        if (EtcdError.COMPACTED.matches(error)) {
            LOG.infof("Finished auto-compaction at revision %d (already compacted)", revision);
            return true;
        }
        LOG.warnf("Failed auto-compaction at revision %d (%s)", revision, error.getMessage());
        LOG.warnf("Retry after %s", retry);
        return false;
    }
}
