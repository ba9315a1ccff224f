package io.revkv.store.mvcc;

import java.time.Duration;

/**
 * One finished physical compaction.
 *
 * @param keysRemoved  records deleted from the {@code key} bucket
 * @param bytesRemoved their keys' and values' bytes (what the backend's size in use drops by, before compression)
 * @param took        from the start of the disk deletion to the committed finished mark
 */
public record CompactionReport(long revision, long keysRemoved, long bytesRemoved, Duration took) {
}
