package io.revkv.store.mvcc;

import io.revkv.store.backend.Backend;
import io.revkv.store.backend.Batch;
import io.revkv.store.backend.Bucket;
import io.revkv.store.backend.ReadSnapshot;
import java.util.Optional;

/**
 * The Raft snapshots of this member, as the {@code meta} bucket records them. A snapshot copies nothing: the flushed
 * backend is the snapshot, and its {@link SnapshotMark} says which log entries it holds, so that the Raft log up to
 * the mark can be purged and a restart resumes right after it. A backend restored for a new log has no mark
 * ({@link ConsistentIndexReset}).
 *
 * <p>Threading: {@link #persist} from the thread that applies log entries, so that no entry is half applied when
 * the mark is taken; {@link #latest} from any thread.
 */
public final class SnapshotMarks {
    private final Backend backend;

    public SnapshotMarks(Backend backend) {
        this.backend = backend;
    }

    /** Commits {@code mark} and flushes: on return the disk holds it and every batch committed before it. */
    public void persist(SnapshotMark mark) {
        try (Batch batch = backend.batch()) {
            batch.put(Bucket.META, MetaKeys.SNAPSHOT, mark.encode()).commit();
        }
        backend.flush();
    }

    /**
     * Starts writing what the backend holds to disk without waiting, ahead of the next {@link #persist}: that flush
     * runs on the applying thread, which no write gets past until it returns, so it should find little left to do.
     */
    public void prepare() {
        backend.startFlush();
    }

    /** The mark of the last snapshot; empty if none was taken since the backend was created or restored. */
    public Optional<SnapshotMark> latest() {
        try (ReadSnapshot snapshot = backend.snapshot()) {
            return Optional.ofNullable(snapshot.get(Bucket.META, MetaKeys.SNAPSHOT)).map(SnapshotMark::decode);
        }
    }
}
