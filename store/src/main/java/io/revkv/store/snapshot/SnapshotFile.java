package io.revkv.store.snapshot;

import io.revkv.store.backend.Backend;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.io.input.BoundedInputStream;

/**
 * revkv's snapshot format: what Maintenance.Snapshot streams and {@code etcdctl snapshot save} stores.
 *
 * <pre>
 * snapshot file = content ‖ SHA-256(content)           (32 bytes, as etcd appends to its bbolt file)
 * content       = a POSIX tar (512-byte blocks, no compression) of a RocksDB checkpoint of the backend:
 *                 the checkpoint directory's regular files (SST, MANIFEST, CURRENT, OPTIONS, WAL), flat
 * </pre>
 *
 * The checkpoint is one consistent point of every bucket, with the {@code meta} bucket's revisions and consistent
 * index as of that point. A tar is a whole number of 512-byte blocks, which is what {@code etcdctl snapshot save}
 * checks (size − 32 must be a multiple of 512) before it accepts a stream. etcd's own {@code snapshot restore} and
 * {@code snapshot status} cannot read it (they expect bbolt); {@code revkv restore} can.
 */
public final class SnapshotFile {

    /** The length of the trailing digest. */
    public static final int DIGEST_BYTES = 32;

    private SnapshotFile() {
    }

    /**
     * Writes the content part of a snapshot of {@code backend} (the tar, without the digest) to a new file in
     * {@code workDir}, which must be on the backend's file system so that the checkpoint hard-links its files.
     * The caller deletes the returned file.
     */
    public static Path writeContent(Backend backend, Path workDir) {
        try {
            Path checkpoint = Files.createTempDirectory(workDir, "snapshot-").resolve("checkpoint");
            try {
                backend.checkpoint(checkpoint);
                Path tar = Files.createTempFile(workDir, "snapshot-", ".tar");
                writeTar(checkpoint, tar);
                return tar;
            } finally {
                deleteRecursively(checkpoint.getParent());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a snapshot in " + workDir, e);
        }
    }

    /** A fresh SHA-256, the digest the format appends. */
    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * Checks {@code snapshot}'s digest, then unpacks its content into {@code dbDir}, which must not exist.
     *
     * @throws InvalidSnapshotException if the file is too short, its digest does not match, or it holds an entry
     *                                  that is not a plain file name
     */
    public static void extract(Path snapshot, Path dbDir) throws IOException {
        long contentLength = verify(snapshot);
        Files.createDirectories(dbDir.getParent());
        Files.createDirectory(dbDir);
        try (InputStream in = BoundedInputStream.builder().setPath(snapshot).setMaxCount(contentLength).get();
             TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                Files.copy(tar, dbDir.resolve(plainName(entry)));
            }
        }
    }

    /** Returns the content length after checking the trailing digest. */
    private static long verify(Path snapshot) throws IOException {
        long size = Files.size(snapshot);
        if (size < DIGEST_BYTES || (size - DIGEST_BYTES) % 512 != 0) {
            throw new InvalidSnapshotException(snapshot + " is not a revkv snapshot (size " + size + ")");
        }
        long contentLength = size - DIGEST_BYTES;
        MessageDigest sha = digest();
        byte[] stored;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(snapshot))) {
            byte[] buffer = new byte[64 * 1024];
            for (long left = contentLength; left > 0; ) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                sha.update(buffer, 0, n);
                left -= n;
            }
            stored = in.readNBytes(DIGEST_BYTES);
        }
        if (!MessageDigest.isEqual(stored, sha.digest())) {
            throw new InvalidSnapshotException(snapshot + ": SHA-256 mismatch, the snapshot is corrupt or truncated");
        }
        return contentLength;
    }

    private static String plainName(TarArchiveEntry entry) {
        String name = entry.getName();
        if (!entry.isFile() || name.isEmpty() || name.contains("/") || name.equals("..") || name.equals(".")) {
            throw new InvalidSnapshotException("unexpected entry '" + name + "' in the snapshot");
        }
        return name;
    }

    private static void writeTar(Path checkpoint, Path tar) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tar));
             TarArchiveOutputStream archive = new TarArchiveOutputStream(out)) {
            archive.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            archive.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (Path file : files(checkpoint)) {
                archive.putArchiveEntry(archive.createArchiveEntry(file, file.getFileName().toString()));
                Files.copy(file, archive);
                archive.closeArchiveEntry();
            }
        }
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
