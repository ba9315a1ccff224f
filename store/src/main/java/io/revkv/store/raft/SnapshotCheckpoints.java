package io.revkv.store.raft;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.statemachine.SnapshotInfo;
import org.apache.ratis.statemachine.impl.FileListSnapshotInfo;

/**
 * The snapshots this member can send, as RocksDB checkpoints in Ratis' state machine directory ({@code sm} under the
 * Raft storage): {@code sm/<term>-<index>/} holds the store exactly as it was once the entry at that term and index
 * was applied. The newest is kept, and older ones for {@link #TRANSFER_GRACE} (at most {@link #MAX_KEPT}): Ratis
 * streams a snapshot's files one after the other from their paths, so deleting a checkpoint that a follower is still
 * receiving would cut its transfer, and with a small {@code --snapshot-count} under load a new snapshot comes every
 * second (measured: a follower never finished receiving). Checkpoints share their files by hard links, so an older
 * one costs only the files compacted away since.
 *
 * <p>Why there: Ratis sends a snapshot as the files its {@link SnapshotInfo} lists, named relative to that directory,
 * and a follower receives them into a temporary directory, checks each file's MD5 digest against the one the leader
 * computed while reading it (a digest left out of the {@link FileInfo} is computed as the file streams, so nothing is
 * hashed on the applying thread, and every byte sent is the byte hashed), and only then puts the whole directory in
 * place of its own {@code sm}: what a follower finds here after an install is verified, and complete.
 */
final class SnapshotCheckpoints {

    private static final Pattern NAME = Pattern.compile("(\\d+)-(\\d+)");
    private static final String DIGEST_SUFFIX = ".md5";
    static final Duration TRANSFER_GRACE = Duration.ofMinutes(10);
    static final int MAX_KEPT = 16;

    private final Path dir;

    SnapshotCheckpoints(Path dir) {
        this.dir = dir;
    }

    /** A checkpoint directory and the term-index whose state it holds. */
    record Checkpoint(TermIndex termIndex, Path dir) {
    }

    Path dirFor(TermIndex termIndex) {
        return dir.resolve(termIndex.getTerm() + "-" + termIndex.getIndex());
    }

    /** Creates the checkpoint of {@code termIndex} with {@code store} unless it exists, then drops the older ones. */
    Checkpoint take(TermIndex termIndex, CheckpointStore store) {
        Path target = dirFor(termIndex);
        try {
            Files.createDirectories(dir);
            if (!Files.isDirectory(target)) {
                store.checkpoint(target);
            }
            prune(target);
        } catch (IOException e) {
            throw new UncheckedIOException("checkpoint into " + target, e);
        }
        return new Checkpoint(termIndex, target);
    }

    /** The newest checkpoint here: this member's own, or one just received from the leader. */
    Optional<Checkpoint> newest() {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isDirectory).map(SnapshotCheckpoints::parse).flatMap(Optional::stream)
                    .max(Comparator.comparingLong((Checkpoint c) -> c.termIndex().getIndex()));
        } catch (IOException e) {
            throw new UncheckedIOException("list " + dir, e);
        }
    }

    private static Optional<Checkpoint> parse(Path path) {
        Matcher m = NAME.matcher(path.getFileName().toString());
        return m.matches() ? Optional.of(new Checkpoint(
                TermIndex.valueOf(Long.parseLong(m.group(1)), Long.parseLong(m.group(2))), path)) : Optional.empty();
    }

    /**
     * What Ratis sends for {@code checkpoint}: its files by absolute path (Ratis names them relative to this
     * directory) and size, without digests (computed as they are read, see the class comment).
     */
    static SnapshotInfo info(Checkpoint checkpoint) {
        List<FileInfo> files = new ArrayList<>();
        try (Stream<Path> entries = Files.list(checkpoint.dir())) {
            for (Path file : entries.sorted().toList()) {
                if (Files.isRegularFile(file) && !file.getFileName().toString().endsWith(DIGEST_SUFFIX)) {
                    files.add(new FileInfo(file, null));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("list " + checkpoint.dir(), e);
        }
        return new FileListSnapshotInfo(files, checkpoint.termIndex());
    }

    private void prune(Path keep) throws IOException {
        Instant expired = Instant.now().minus(TRANSFER_GRACE);
        List<Path> older;
        try (Stream<Path> entries = Files.list(dir)) {
            older = entries.filter(p -> !p.equals(keep))
                    .sorted(Comparator.comparing(SnapshotCheckpoints::modified).reversed()).toList();
        }
        for (int i = 0; i < older.size(); i++) {
            if (i >= MAX_KEPT - 1 || modified(older.get(i)).isBefore(expired)) {
                deleteTree(older.get(i));
            }
        }
    }

    private static Instant modified(Path path) {
        try {
            return Files.getLastModifiedTime(path).toInstant();
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
