package io.revkv.store.backend;

import java.time.Duration;

/**
 * What one online defragmentation did, in {@link Backend#size()} and {@link Backend#sizeInUse()} terms.
 *
 * @param took wall time of the whole defragmentation
 */
public record DefragReport(long sizeBefore, long sizeInUseBefore, long sizeAfter, long sizeInUseAfter,
                           Duration took) {
}
