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
    private final ExecutionTime executions;

    private DefragSchedule(String expression, ExecutionTime executions) {
        this.expression = expression;
        this.executions = executions;
    }

    /** @throws IllegalArgumentException with cron-utils' explanation when the expression is not Unix cron */
    public static DefragSchedule parse(String expression) {
        String trimmed = expression.trim();
        String fields = MACROS.getOrDefault(trimmed, trimmed);
        return new DefragSchedule(trimmed, ExecutionTime.forCron(UNIX.parse(fields).validate()));
    }

    /** The latest time the schedule fired at or before {@code now}; empty if it never did (e.g. a 30th of February). */
    public Optional<Instant> lastFiring(Instant now) {
        // lastExecution is strictly before its argument; a firing at exactly now counts as fired.
        ZonedDateTime justAfter = ZonedDateTime.ofInstant(now, ZoneOffset.UTC).plusSeconds(1);
        return executions.lastExecution(justAfter).map(ZonedDateTime::toInstant).filter(t -> !t.isAfter(now));
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
