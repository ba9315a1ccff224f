package io.revkv.operator.execute;

import java.time.Duration;

/**
 * What performing an action came to.
 *
 * @param performed    the action took effect (or had already)
 * @param message      what happened, for the Event and the log
 * @param requeueAfter when to reconcile again
 */
public record Execution(boolean performed, String message, Duration requeueAfter) {

    /** After a change, look again soon: the next step depends on it. */
    static final Duration AFTER_CHANGE = Duration.ofSeconds(2);
    /** While waiting for something to happen. */
    static final Duration WHILE_WAITING = Duration.ofSeconds(5);
    /** A settled cluster is polled for its members' health. */
    static final Duration WHEN_SETTLED = Duration.ofSeconds(30);

    static Execution done(String message) {
        return new Execution(true, message, AFTER_CHANGE);
    }

    static Execution failed(String message) {
        return new Execution(false, message, WHILE_WAITING);
    }
}
