package io.revkv.store.mvcc;

import java.time.Duration;

/**
 * One finished physical compaction.
 *
 * @param keysRemoved records deleted from the {@code key} bucket
 * @param took        from the start of the disk deletion to the committed finished mark
 */
public record CompactionReport(long revision, long keysRemoved, Duration took) {
}
