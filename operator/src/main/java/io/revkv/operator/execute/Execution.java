package io.revkv.operator.execute;

import io.revkv.operator.plan.DefragPolicy;
import io.revkv.operator.plan.Observation;
import io.revkv.operator.v1alpha1.DefragRecord;
import java.time.Duration;
import java.util.Optional;

/**
 * What performing an action came to.
 *
 * @param performed    the action took effect (or had already)
 * @param message      what happened, for the Event and the log
 * @param requeueAfter when to reconcile again
 * @param defragmented a member's defragmentation (or failed attempt), for status.lastDefrag
 */
public record Execution(boolean performed, String message, Duration requeueAfter,
                        Optional<DefragRecord> defragmented) {

    public Execution(boolean performed, String message, Duration requeueAfter) {
        this(performed, message, requeueAfter, Optional.empty());
    }

    /** After a change, look again soon: the next step depends on it. */
    static final Duration AFTER_CHANGE = Duration.ofSeconds(2);
    /** While waiting for something to happen. */
    static final Duration WHILE_WAITING = Duration.ofSeconds(5);
    /** A settled cluster is polled for its members' health. */
    static final Duration WHEN_SETTLED = Duration.ofSeconds(30);

    /**
     * A settled cluster is looked at again after {@link #WHEN_SETTLED}, or just after spec.defrag.schedule next
     * fires if that is sooner, so that a scheduled defragmentation starts on time.
     */
    static Duration whenSettled(Observation o) {
        return o.desired().defrag().flatMap(DefragPolicy::schedule).flatMap(s -> s.nextFiring(o.now()))
                .map(next -> Duration.between(o.now(), next).plusSeconds(1))
                .filter(untilFiring -> untilFiring.compareTo(WHEN_SETTLED) < 0).orElse(WHEN_SETTLED);
    }

    static Execution done(String message) {
        return new Execution(true, message, AFTER_CHANGE);
    }

    static Execution defragmented(String message, DefragRecord record) {
        return new Execution(true, message, AFTER_CHANGE, Optional.of(record));
    }

    /** A failed defragmentation, recorded in status.lastDefrag (failedTime) so that the planner backs off. */
    static Execution defragFailed(String message, DefragRecord failure) {
        return new Execution(false, message, WHILE_WAITING, Optional.of(failure));
    }

    static Execution failed(String message) {
        return new Execution(false, message, WHILE_WAITING);
    }
}
