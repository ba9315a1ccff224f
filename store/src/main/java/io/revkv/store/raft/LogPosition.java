package io.revkv.store.raft;

/**
 * Where an applied request sits in the Raft log, as one ordered {@code long}: the entry's index and the request's
 * offset inside the entry's batch. This is what the store records as its consistent index, so that a batch cut short
 * by a crash is resumed at the first request it had not applied, and none is applied twice.
 */
final class LogPosition {

    /** Bits for the offset: a batch holds at most {@value #MAX_BATCH} requests. */
    private static final int OFFSET_BITS = 16;
    static final int MAX_BATCH = 1 << OFFSET_BITS;

    private LogPosition() {
    }

    static long of(long entryIndex, int offset) {
        if (offset < 0 || offset >= MAX_BATCH) {
            throw new IllegalArgumentException("offset " + offset + " outside a batch of at most " + MAX_BATCH);
        }
        return entryIndex << OFFSET_BITS | offset;
    }
}
