package io.revkv.store.membership;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Who this member is: its member ID, the ID of the cluster it belongs to, and the Raft group that cluster replicates
 * in. Fixed when the member first bootstraps or joins, and kept beside the backend, not in it (as etcd keeps it in its
 * WAL's metadata): a snapshot installed from the leader replaces the backend but not the member's identity.
 */
public record LocalIdentity(long memberId, long clusterId, UUID groupId) {

    private static final String FILE = "identity";

    /** The identity saved in {@code memberDir}, if the member has one. */
    public static Optional<LocalIdentity> load(Path memberDir) {
        Path file = memberDir.resolve(FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return Optional.of(new LocalIdentity(Long.parseUnsignedLong(lines.get(0), 16),
                    Long.parseUnsignedLong(lines.get(1), 16), UUID.fromString(lines.get(2))));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read this member's identity from " + file
                    + " (it is written once, when the member first joins a cluster)", e);
        }
    }

    /** Saves the identity atomically (written to a temporary file, then renamed). */
    public void save(Path memberDir) {
        try {
            Files.createDirectories(memberDir);
            Path tmp = memberDir.resolve(FILE + ".tmp");
            Files.writeString(tmp, Long.toHexString(memberId) + "\n" + Long.toHexString(clusterId) + "\n" + groupId
                    + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, memberDir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save this member's identity in " + memberDir, e);
        }
    }
}
