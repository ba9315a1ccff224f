package io.revkv.store.snapshot;

/** A file given to {@code revkv restore} is not an intact revkv snapshot. */
public final class InvalidSnapshotException extends RuntimeException {
    public InvalidSnapshotException(String message) {
        super(message);
    }
}
