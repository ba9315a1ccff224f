package io.revkv.operator.plan;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;

/**
 * spec.defrag.schedule: a Unix cron expression (five fields: minute hour day-of-month month day-of-week) or one of
 * cron's macros, evaluated in UTC whatever the operator's own time zone, as the field's description promises.
 * Parsed by cron-utils' Unix definition; the macros are spelled out here so that they mean what Unix cron means.
 *
 * <p>Example: {@code "0 3 * * 0"} fired last at 2026-03-01T03:00Z (a Sunday) for any instant from then until
 * 2026-03-08T02:59:59Z.
 */
public final class DefragSchedule {

    private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private static final Map<String, String> MACROS = Map.of(
            "@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *", "@monthly", "0 0 1 * *", "@weekly", "0 0 * * 0",
            "@daily", "0 0 * * *", "@midnight", "0 0 * * *", "@hourly", "0 * * * *");

    private final String expression;
    private final Optional<ExecutionTime> executions;
    private final Optional<String> error;

    private DefragSchedule(String expression, Optional<ExecutionTime> executions, Optional<String> error) {
        this.expression = expression;
        this.executions = executions;
        this.error = error;
    }

    /**
     * The schema admits any five words of cron's characters, so an expression may still not be Unix cron (a 61st
     * minute, six Quartz fields): such a schedule never fires, and {@link #error()} says why, for the status.
     */
    public static DefragSchedule parse(String expression) {
        String trimmed = expression.trim();
        String fields = MACROS.getOrDefault(trimmed, trimmed);
        try {
            return new DefragSchedule(trimmed, Optional.of(ExecutionTime.forCron(UNIX.parse(fields).validate())),
                    Optional.empty());
        } catch (IllegalArgumentException e) {
            return new DefragSchedule(trimmed, Optional.empty(), Optional.of(
                    "spec.defrag.schedule \"" + trimmed + "\" is not a Unix cron expression: " + e.getMessage()));
        }
    }

    /** Why the expression is not Unix cron, if it is not. */
    public Optional<String> error() {
        return error;
    }

    /** The latest time the schedule fired at or before {@code now}; empty if it never did (e.g. a 30th of February). */
    public Optional<Instant> lastFiring(Instant now) {
        if (executions.isEmpty()) {
            return Optional.empty();
        }
        // lastExecution is strictly before its argument; a firing at exactly now counts as fired.
        ZonedDateTime justAfter = ZonedDateTime.ofInstant(now, ZoneOffset.UTC).plusSeconds(1);
        return executions.get().lastExecution(justAfter).map(ZonedDateTime::toInstant).filter(t -> !t.isAfter(now));
    }

    /** The first time the schedule fires after {@code now}; empty if it never will. */
    public Optional<Instant> nextFiring(Instant now) {
        return executions.flatMap(e -> e.nextExecution(ZonedDateTime.ofInstant(now, ZoneOffset.UTC)))
                .map(ZonedDateTime::toInstant);
    }

    /** Has the schedule fired in (since, now]? */
    public boolean firedBetween(Instant since, Instant now) {
        return lastFiring(now).map(t -> t.isAfter(since)).orElse(false);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DefragSchedule s && s.expression.equals(expression);
    }

    @Override
    public int hashCode() {
        return expression.hashCode();
    }

    @Override
    public String toString() {
        return expression;
    }
}
