package io.revkv.store.crash;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The segment files of a member's Ratis log as they are on disk now, below {@code <data-dir>/member/raft/<group>/
 * current}: {@code log_<first>-<last>} for a closed segment, {@code log_inprogress_<first>} for the open one.
 */
record RaftLogSegments(List<Path> files) {

    private static final Pattern SEGMENT = Pattern.compile("log_(?:inprogress_)?(\\d+)(?:-\\d+)?");

    /** Reads names only, so that it can run while Ratis rolls and purges segments. */
    static RaftLogSegments of(Path dataDir) {
        try (Stream<Path> groups = Files.list(dataDir.resolve("member").resolve("raft"))) {
            Path current = groups.findFirst().orElseThrow().resolve("current");
            try (Stream<Path> files = Files.list(current)) {
                return new RaftLogSegments(files.filter(p -> SEGMENT.matcher(p.getFileName().toString()).matches())
                        .toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Returns as soon as Ratis has purged the start of the log (it does right after a snapshot), checking every
     * 10 ms so that a test can act at once; fails after {@code budget}.
     */
    static void awaitPurge(Path dataDir, Duration budget) throws InterruptedException {
        long deadline = System.nanoTime() + budget.toNanos();
        while (of(dataDir).oldestIndex() == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the Raft log in " + dataDir + " was not purged within " + budget);
            }
            Thread.sleep(10);
        }
    }

    /** The index of the oldest entry still in the log: Ratis starts at 0, so above 0 once it has purged. */
    long oldestIndex() {
        return files.stream().mapToLong(RaftLogSegments::firstIndex).min()
                .orElseThrow(() -> new IllegalStateException("no log segment"));
    }

    /** The size on disk of the segment being written, zeros ahead of its last entry included. */
    long openSegmentBytes() {
        return files.stream().filter(p -> p.getFileName().toString().startsWith("log_inprogress_"))
                .mapToLong(RaftLogSegments::size).sum();
    }

    /** Only while the member is stopped: a running one may delete a file meanwhile. */
    long bytes() {
        return files.stream().mapToLong(RaftLogSegments::size).sum();
    }

    private static long firstIndex(Path segment) {
        Matcher m = SEGMENT.matcher(segment.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException(segment.toString());
        }
        return Long.parseLong(m.group(1));
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
