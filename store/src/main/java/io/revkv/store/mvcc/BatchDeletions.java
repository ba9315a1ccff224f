package io.revkv.store.mvcc;

import io.revkv.store.backend.Batch;
import io.revkv.store.backend.Bucket;
import io.revkv.store.backend.KeyVisitor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The deletions of one compaction batch, added to its {@link Batch} while the batch's keys are scanned in revision
 * order. Consecutive records that are not kept form a run, which a kept record or the end of the batch closes: a run
 * of at least {@link #MIN_RANGE} records becomes one range tombstone, a shorter one a point delete per record. One
 * range tombstone is far cheaper to write, flush and compact than hundreds of point ones, but every read reaching
 * it must check it until RocksDB compacts it away, so it only pays off in place of several.
 */
final class BatchDeletions implements KeyVisitor {
    static final int MIN_RANGE = 8;

    private final Batch batch;
    private final KeptRevisions kept;
    /** The first records of the open run; all of them while it is shorter than {@link #MIN_RANGE}. */
    private final List<byte[]> run = new ArrayList<>(MIN_RANGE);
    private long runLength;
    private final byte[] last = new byte[Revision.TOMBSTONE_KEY_LENGTH];
    private int lastLength;
    private long deleted;
    private long deletedBytes;

    BatchDeletions(Batch batch, KeptRevisions kept) {
        this.batch = batch;
        this.kept = kept;
    }

    @Override
    public void visit(byte[] key, int length) {
        visit(key, length, 0);
    }

    @Override
    public void visit(byte[] key, int length, int valueLength) {
        if (kept.keeps(key, length)) {
            closeRun();
        } else {
            deletedBytes += length + valueLength;
            if (run.size() < MIN_RANGE) {
                run.add(Arrays.copyOf(key, length));
            }
            runLength++;
        }
        System.arraycopy(key, 0, last, 0, length);
        lastLength = length;
    }

    /** Closes the open run at the end of the batch; returns how many records the batch deletes. */
    long finish() {
        closeRun();
        return deleted;
    }

    /** The keys' and values' bytes of the records the batch deletes (known when the scan gave value lengths). */
    long deletedBytes() {
        return deletedBytes;
    }

    /** Where the next batch's scan starts: right after the last key this one saw. */
    byte[] resumeKey() {
        return StoredRecords.successor(Arrays.copyOf(last, lastLength));
    }

    /** Called before {@link #last} moves on, so that it still holds the run's last record. */
    private void closeRun() {
        if (runLength >= MIN_RANGE) {
            batch.deleteRange(Bucket.KEY, run.get(0), resumeKey());
        } else {
            run.forEach(key -> batch.delete(Bucket.KEY, key));
        }
        deleted += runLength;
        run.clear();
        runLength = 0;
    }
}
