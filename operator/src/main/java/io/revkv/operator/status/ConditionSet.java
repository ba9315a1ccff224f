package io.revkv.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The conditions of a new status, each keeping its previous lastTransitionTime while its status (True/False) is
 * unchanged, whatever its reason or message do: the time says when it last flipped, as Kubernetes' conditions do.
 */
final class ConditionSet {

    static final String AVAILABLE = "Available";
    static final String PROGRESSING = "Progressing";
    static final String DEGRADED = "Degraded";

    private final List<Condition> previous;
    private final Instant now;
    private final long generation;
    private final List<Condition> conditions = new ArrayList<>();

    ConditionSet(List<Condition> previous, Instant now, long generation) {
        this.previous = previous == null ? List.of() : previous;
        this.now = now.truncatedTo(ChronoUnit.SECONDS);
        this.generation = generation;
    }

    ConditionSet set(String type, boolean status, String reason, String message) {
        String value = status ? "True" : "False";
        String since = find(type).filter(c -> value.equals(c.getStatus())).map(Condition::getLastTransitionTime)
                .orElse(DateTimeFormatter.ISO_INSTANT.format(now));
        conditions.add(new ConditionBuilder().withType(type).withStatus(value).withReason(reason).withMessage(message)
                .withObservedGeneration(generation).withLastTransitionTime(since).build());
        return this;
    }

    List<Condition> conditions() {
        return List.copyOf(conditions);
    }

    private Optional<Condition> find(String type) {
        return previous.stream().filter(c -> type.equals(c.getType())).findFirst();
    }
}
