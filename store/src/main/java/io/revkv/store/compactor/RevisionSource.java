package io.revkv.store.compactor;

/** Where a compactor reads the store's current revision (etcd's {@code RevGetter}). */
@FunctionalInterface
public interface RevisionSource {

    long currentRevision();
}
