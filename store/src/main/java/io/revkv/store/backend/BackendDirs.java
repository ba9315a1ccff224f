package io.revkv.store.backend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * How a member's backend directory ({@code member/db}) is exchanged for an installed one without a crash ever leaving
 * half of each. The installed database is first complete and durable in {@code db.installing}; then {@code db} is
 * renamed to {@code db.old}, {@code db.installing} to {@code db}, and {@code db.old} deleted. Each rename is atomic, so
 * a crash leaves one of: {@code db} old and {@code db.installing} partial or complete (the install had not happened:
 * the staged copy is dropped, and the snapshot is installed again from the Raft storage), {@code db.old} and
 * {@code db.installing} without {@code db} (the install had been decided: the staged copy becomes {@code db}), or
 * {@code db} new and {@code db.old} left over (deleted). {@link #recover} settles these before the backend opens.
 */
public final class BackendDirs {

    private BackendDirs() {
    }

    /** Where a database to install is staged, beside {@code dbDir}. */
    public static Path staging(Path dbDir) {
        return dbDir.resolveSibling(dbDir.getFileName() + ".installing");
    }

    private static Path old(Path dbDir) {
        return dbDir.resolveSibling(dbDir.getFileName() + ".old");
    }

    /**
     * Stages a copy of the database files in {@code source} (hard links: a checkpoint's files are never rewritten)
     * in {@link #staging}. Files ending in {@code .md5} (Ratis' digests of a received
     * snapshot) are not part of the database and are left out.
     */
    public static Path stage(Path dbDir, Path source) {
        Path staging = staging(dbDir);
        try {
            deleteTree(staging);
            Files.createDirectories(staging);
            try (Stream<Path> files = Files.list(source)) {
                for (Path file : files.filter(f -> !f.getFileName().toString().endsWith(".md5")).toList()) {
                    Path target = staging.resolve(file.getFileName().toString());
                    try {
                        Files.createLink(target, file);
                    } catch (IOException | UnsupportedOperationException e) {
                        Files.copy(file, target);
                    }
                }
            }
            return staging;
        } catch (IOException e) {
            throw new UncheckedIOException("stage " + source + " in " + staging, e);
        }
    }

    /** Replaces {@code dbDir} by {@code staged} (see the class comment); the database must be closed. */
    static void exchange(Path dbDir, Path staged) {
        try {
            Path old = old(dbDir);
            deleteTree(old);
            Files.move(dbDir, old, StandardCopyOption.ATOMIC_MOVE);
            Files.move(staged, dbDir, StandardCopyOption.ATOMIC_MOVE);
            deleteTree(old);
        } catch (IOException e) {
            throw new UncheckedIOException("install " + staged + " as " + dbDir, e);
        }
    }

    /** Settles what a crash during {@link #exchange} left (see the class comment); call before opening {@code dbDir}. */
    public static void recover(Path dbDir) {
        Path staged = staging(dbDir);
        Path old = old(dbDir);
        try {
            if (!Files.exists(dbDir) && Files.exists(old) && Files.isDirectory(staged)) {
                Files.move(staged, dbDir, StandardCopyOption.ATOMIC_MOVE);
            }
            if (Files.exists(dbDir)) {
                deleteTree(staged);
                deleteTree(old);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("recover " + dbDir, e);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
