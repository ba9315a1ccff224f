package io.revkv.store.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a crash would leave of a RocksDB database that is still open: a copy of the files in its directory, taken
 * while no flush runs. Memtables are not in files, so the copy has exactly what the database made durable.
 */
public final class CrashImage {

    private CrashImage() {
    }

    /** Copies the files of {@code dbDir} into the new directory {@code target}; returns {@code target}. */
    public static Path of(Path dbDir, Path target) {
        try {
            Files.createDirectories(target);
            List<Path> files;
            try (Stream<Path> listing = Files.list(dbDir)) {
                files = listing.filter(Files::isRegularFile).toList();
            }
            for (Path file : files) {
                Files.copy(file, target.resolve(file.getFileName()));
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + dbDir, e);
        }
    }
}
