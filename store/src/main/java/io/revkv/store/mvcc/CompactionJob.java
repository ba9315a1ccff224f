package io.revkv.store.mvcc;

import io.revkv.store.backend.Backend;
import io.revkv.store.backend.Batch;
import io.revkv.store.backend.Bucket;
import io.revkv.store.backend.ReadSnapshot;
import io.revkv.store.failpoint.Failpoints;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The background part of one compaction at revision C (etcd's {@code treeIndex.Compact} and
 * {@code scheduleCompaction}), run on the compaction thread after the compact revision was raised and the scheduled
 * mark committed. Nothing here holds the store's writer lock: the writes applied meanwhile wait for none of it.
 * <ol>
 *   <li>compact the index at C, one key at a time (see {@link Index#compact}): the keep set;</li>
 *   <li>scan the keys (not the values) of the {@code key} bucket from its start up to, excluding, the records of
 *       revision C+1, in batches of {@code batchLimit} records;</li>
 *   <li>delete each record not in the keep set the index compaction returned, runs of them as ranges (see
 *       {@link BatchDeletions});</li>
 *   <li>after a full batch: commit, sleep {@code sleepInterval} (or stop if the store closes), resume after the
 *       last record seen;</li>
 *   <li>the first short batch is the last: its deletions and the finished mark are committed together, so a
 *       finished compaction is never redone and an unfinished one is resumed on reopen. A crash can lose the
 *       latest batches, never an earlier one without the later ones: the disk then shows an unfinished compaction
 *       (resumed), or none (applied again from the Raft log).</li>
 * </ol>
 * Deleting is safe while readers run: readers never read below the raised compact revision, and no record they
 * can need is outside the keep set. No writer touches the scanned range either (writes are above C), so a run of
 * records not kept in the scan is exactly the keys a range tombstone over it deletes. Re-running a job (after a
 * crash) deletes only what is left.
 */
final class CompactionJob {
    static final String AFTER_SCHEDULED = "compactAfterScheduled";
    static final String BETWEEN_BATCHES = "compactBetweenBatches";
    static final String BEFORE_FINISHED = "compactBeforeFinished";
    private static final Logger LOG = Logger.getLogger(CompactionJob.class);

    private final Backend backend;
    private final Index index;
    private final CompactionSettings settings;
    private final long revision;
    private final CountDownLatch stop;
    private final Consumer<CompactionReport> finished;
    private long removed;
    private long bytesRemoved;

    CompactionJob(Backend backend, Index index, CompactionSettings settings, long revision, CountDownLatch stop,
                  Consumer<CompactionReport> finished) {
        this.backend = backend;
        this.index = index;
        this.settings = settings;
        this.revision = revision;
        this.stop = stop;
        this.finished = finished;
    }

    void run() {
        Failpoints.hit(AFTER_SCHEDULED);
        long start = System.nanoTime();
        deleteObsoleteRecords(new KeptRevisions(index.compact(revision)));
        CompactionReport report = new CompactionReport(revision, removed, bytesRemoved,
                Duration.ofNanos(System.nanoTime() - start));
        // etcd's words first (tests and operators grep for them), then the figures as key=value pairs.
        LOG.infof("finished scheduled compaction at %d (took %dms) revision=%d keys-removed=%d took=%dms",
                revision, report.took().toMillis(), revision, removed, report.took().toMillis());
        finished.accept(report);
    }

    private void deleteObsoleteRecords(KeptRevisions kept) {
        byte[] end = Revision.mainPrefix(revision + 1);
        byte[] from = null;
        while (true) {
            checkNotStopped();
            try (Batch batch = backend.batch()) {
                BatchDeletions deletions = new BatchDeletions(batch, kept);
                int scanned = scan(from, end, deletions);
                removed += deletions.finish();
                bytesRemoved += deletions.deletedBytes();
                if (scanned < settings.batchLimit()) {
                    commitLast(batch);
                    return;
                }
                batch.commit();
                from = deletions.resumeKey();
            }
            Failpoints.hit(BETWEEN_BATCHES);
            pause();
        }
    }

    private int scan(byte[] from, byte[] end, BatchDeletions deletions) {
        try (ReadSnapshot snapshot = backend.snapshot()) {
            return snapshot.scanKeys(Bucket.KEY, from, end, settings.batchLimit(), deletions);
        }
    }

    private void commitLast(Batch batch) {
        batch.put(Bucket.META, MetaKeys.FINISHED_COMPACT_REV, MetaKeys.encodeCompactRev(revision));
        Failpoints.hit(BEFORE_FINISHED);
        batch.commit();
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
