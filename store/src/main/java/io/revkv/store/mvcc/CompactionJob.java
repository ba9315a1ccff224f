package io.revkv.store.mvcc;

import io.revkv.store.backend.Backend;
import io.revkv.store.backend.Batch;
import io.revkv.store.backend.BucketEntry;
import io.revkv.store.backend.Bucket;
import io.revkv.store.backend.ReadSnapshot;
import io.revkv.store.failpoint.Failpoints;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The disk half of one compaction at revision C (etcd's {@code scheduleCompaction}), run on the compaction thread
 * after the compact revision was raised, the index compacted and the scheduled mark committed:
 * <ol>
 *   <li>scan the {@code key} bucket from its start up to, excluding, the records of revision C+1, in batches of
 *       {@code batchLimit} records;</li>
 *   <li>delete each record not in the keep set the index compaction returned;</li>
 *   <li>after a full batch: commit, sleep {@code sleepInterval} (or stop if the store closes), resume after the
 *       last record seen;</li>
 *   <li>the first short batch is the last: its deletions and the finished mark are committed together, so a
 *       finished compaction is never redone and an unfinished one is resumed on reopen. A crash can lose the
 *       latest batches, never an earlier one without the later ones: the disk then shows an unfinished compaction
 *       (resumed), or none (applied again from the Raft log).</li>
 * </ol>
 * Deleting is safe while readers run: readers never read below the raised compact revision, and no record they
 * can need is outside the keep set. Re-running a job (after a crash) deletes only what is left.
 */
final class CompactionJob {
    static final String AFTER_SCHEDULED = "compactAfterScheduled";
    static final String BETWEEN_BATCHES = "compactBetweenBatches";
    static final String BEFORE_FINISHED = "compactBeforeFinished";
    private static final Logger LOG = Logger.getLogger(CompactionJob.class);

    private final Backend backend;
    private final CompactionSettings settings;
    private final long revision;
    private final Set<Revision> keep;
    private final CountDownLatch stop;
    private final Consumer<CompactionReport> finished;
    private long removed;

    CompactionJob(Backend backend, CompactionSettings settings, long revision, Set<Revision> keep,
                  CountDownLatch stop, Consumer<CompactionReport> finished) {
        this.backend = backend;
        this.settings = settings;
        this.revision = revision;
        this.keep = keep;
        this.stop = stop;
        this.finished = finished;
    }

    void run() {
        Failpoints.hit(AFTER_SCHEDULED);
        long start = System.nanoTime();
        deleteObsoleteRecords();
        CompactionReport report = new CompactionReport(revision, removed, Duration.ofNanos(System.nanoTime() - start));
        // etcd's words first (tests and operators grep for them), then the figures as key=value pairs.
        LOG.infof("finished scheduled compaction at %d (took %dms) revision=%d keys-removed=%d took=%dms",
                revision, report.took().toMillis(), revision, removed, report.took().toMillis());
        finished.accept(report);
    }

    private void deleteObsoleteRecords() {
        byte[] end = Revision.mainPrefix(revision + 1);
        byte[] from = null;
        while (true) {
            checkNotStopped();
            List<BucketEntry> entries = readBatch(from, end);
            if (entries.size() < settings.batchLimit()) {
                deleteLast(entries);
                return;
            }
            deleteBatch(entries);
            Failpoints.hit(BETWEEN_BATCHES);
            from = after(entries.get(entries.size() - 1));
            pause();
        }
    }

    private List<BucketEntry> readBatch(byte[] from, byte[] end) {
        try (ReadSnapshot snapshot = backend.snapshot()) {
            return snapshot.range(Bucket.KEY, from, end, settings.batchLimit());
        }
    }

    private void deleteBatch(List<BucketEntry> entries) {
        try (Batch batch = backend.batch()) {
            addDeletions(batch, entries);
            batch.commit();
        }
    }

    private void deleteLast(List<BucketEntry> entries) {
        try (Batch batch = backend.batch()) {
            addDeletions(batch, entries);
            batch.put(Bucket.META, MetaKeys.FINISHED_COMPACT_REV, MetaKeys.encodeCompactRev(revision));
            Failpoints.hit(BEFORE_FINISHED);
            batch.commit();
        }
    }

    private void addDeletions(Batch batch, List<BucketEntry> entries) {
        for (BucketEntry entry : entries) {
            if (!keep.contains(Revision.fromKey(entry.key()))) {
                batch.delete(Bucket.KEY, entry.key());
                removed++;
            }
        }
    }

    /** The smallest key after {@code entry}'s, whether that was a put (17 bytes) or a tombstone (18). */
    private static byte[] after(BucketEntry entry) {
        Revision last = Revision.fromKey(entry.key());
        return new Revision(last.main(), last.sub() + 1).toKey();
    }

    private void pause() {
        try {
            if (stop.await(settings.sleepInterval().toNanos(), TimeUnit.NANOSECONDS)) {
                checkNotStopped();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("compaction at " + revision + " interrupted");
        }
    }

    /** Stopping between batches is safe: the scheduled mark makes the next open resume the job. */
    private void checkNotStopped() {
        if (stop.getCount() == 0) {
            LOG.infof("store closing: compaction at %d stopped, it resumes on reopen", revision);
            throw new CancellationException("compaction at " + revision + " stopped by close");
        }
    }
}
