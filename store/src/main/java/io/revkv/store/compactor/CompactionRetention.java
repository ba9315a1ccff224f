package io.revkv.store.compactor;

import io.revkv.store.config.GoDuration;
import java.time.Duration;

/**
 * {@code --auto-compaction-mode} and {@code --auto-compaction-retention}, parsed as etcd parses them
 * ({@code parseCompactionRetention}):
 * <ol>
 *   <li>a non-negative integer N means N hours in periodic mode, N revisions in revision mode; 0 disables;</li>
 *   <li>anything else is a Go duration whatever the mode, so {@code revision} mode with {@code 1h} means
 *       3 600 000 000 000 revisions (a Go duration's nanoseconds), as in etcd;</li>
 *   <li>a negative integer is not a duration either: {@code time: missing unit in duration "-1"}.</li>
 * </ol>
 *
 * @param mode      the compactor to run
 * @param retention the period (periodic), or the count of revisions in nanoseconds (revision), as etcd keeps both
 *                  in one {@code time.Duration}
 */
public record CompactionRetention(Mode mode, Duration retention) {

    public enum Mode { PERIODIC, REVISION }

    /**
     * @throws IllegalArgumentException with etcd's words: {@code unknown auto-compaction-mode "bogus"},
     *                                  {@code error parsing CompactionRetention: time: missing unit in duration "-1"}
     */
    public static CompactionRetention parse(String mode, String retention) {
        Mode parsedMode = switch (mode) {
            case "periodic" -> Mode.PERIODIC;
            case "revision" -> Mode.REVISION;
            default -> throw new IllegalArgumentException("unknown auto-compaction-mode \"" + mode + "\"");
        };
        Long count = integer(retention);
        if (count != null && count >= 0) {
            return new CompactionRetention(parsedMode,
                    parsedMode == Mode.PERIODIC ? Duration.ofHours(count) : Duration.ofNanos(count));
        }
        return new CompactionRetention(parsedMode, duration(retention));
    }

    private static Long integer(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** etcd accepts a negative duration and then compacts in a tight loop; revkv refuses it at startup. */
    private static Duration duration(String text) {
        Duration d;
        try {
            d = GoDuration.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("error parsing CompactionRetention: " + e.getMessage(), e);
        }
        if (d.isNegative()) {
            throw new IllegalArgumentException("error parsing CompactionRetention: negative duration \"" + text + "\"");
        }
        return d;
    }

    /** Retention 0 (the default) turns auto-compaction off. */
    public boolean disabled() {
        return retention.isZero();
    }

    /** The compactor this retention asks for; only meaningful when not {@link #disabled()}. */
    public Compactor newCompactor(RevisionSource revisions, Compactable compactable, Clock clock) {
        return switch (mode) {
            case PERIODIC -> new PeriodicCompactor(retention, revisions, compactable, clock);
            case REVISION -> new RevisionCompactor(retention.toNanos(), revisions, compactable, clock);
        };
    }

    @Override
    public String toString() {
        return mode == Mode.PERIODIC ? "periodic " + GoDuration.format(retention)
                : "revision " + retention.toNanos() + " revisions";
    }
}
