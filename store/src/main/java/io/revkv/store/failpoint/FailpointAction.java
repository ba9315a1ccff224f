package io.revkv.store.failpoint;

import java.util.Locale;

/** What an armed failpoint does when hit. */
public enum FailpointAction {
    /** Throws {@link FailpointException}: the in-process stand-in for a crash at that point. */
    THROW,
    /** Logs and halts the JVM with exit status 137 (as after {@code kill -9}), skipping shutdown hooks. */
    HALT;

    /** Parses {@code throw} or {@code halt}, case-insensitively. */
    public static FailpointAction parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
}
