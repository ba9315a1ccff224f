package io.revkv.store.snapshot;

import io.revkv.store.backend.Backend;
import io.revkv.store.membership.MemberStore;
import io.revkv.store.mvcc.ConsistentIndexReset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Turns a snapshot file into a new data directory (what {@code etcdutl snapshot restore} does for etcd): the
 * backend goes to {@code <data-dir>/member/db} with the snapshot's data, revisions and alarms; there is no Raft log,
 * so the member started on it begins a new one, and the backend's consistent index is reset to match.
 */
public final class SnapshotRestore {

    private SnapshotRestore() {
    }

    /**
     * @throws InvalidSnapshotException if the file fails verification
     * @throws IOException              if {@code dataDir} already holds a member, or on a file system error
     */
    public static void restore(Path snapshot, Path dataDir) throws IOException {
        Path memberDir = dataDir.resolve("member");
        if (Files.exists(memberDir)) {
            throw new IOException("data-dir " + dataDir + " already holds a member; restore needs a new one");
        }
        Path dbDir = memberDir.resolve("db");
        try {
            SnapshotFile.extract(snapshot, dbDir);
            try (Backend backend = Backend.open(dbDir)) {
                ConsistentIndexReset.reset(backend);
                MemberStore.forget(backend);
            }
        } catch (IOException | RuntimeException e) {
            SnapshotFile.deleteRecursively(memberDir);
            throw e;
        }
    }
}
