package io.revkv.operator.plan;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * When things began, as Kubernetes and the status recorded them, so that the pure planner can tell a step that is
 * slow from one that is stuck without a clock or memory of its own: a Pod's creationTimestamp (a learner catches up
 * from then on), the lastTransitionTime of its Ready condition (a member not ready since then), and the last failed
 * defragmentation of each member (status.lastDefrag[].failedTime, for the back-off). Absent entries time nothing.
 */
public record Timeline(Map<String, Instant> podCreated, Map<String, Instant> readinessChanged,
                       Map<String, Instant> defragFailed) {

    public static final Timeline NONE = new Timeline(Map.of(), Map.of(), Map.of());

    public Timeline {
        podCreated = Map.copyOf(podCreated);
        readinessChanged = Map.copyOf(readinessChanged);
        defragFailed = Map.copyOf(defragFailed);
    }

    /** The same timeline with one Pod created at {@code created} whose readiness last changed at {@code changed}. */
    public Timeline withPod(String member, Instant created, Instant changed) {
        Map<String, Instant> c = new HashMap<>(podCreated);
        Map<String, Instant> r = new HashMap<>(readinessChanged);
        c.put(member, created);
        r.put(member, changed);
        return new Timeline(c, r, defragFailed);
    }

    /** The same timeline with the member's last defragmentation failing at {@code at}. */
    public Timeline withDefragFailed(String member, Instant at) {
        Map<String, Instant> f = new HashMap<>(defragFailed);
        f.put(member, at);
        return new Timeline(podCreated, readinessChanged, f);
    }

    Optional<Instant> created(String member) {
        return Optional.ofNullable(podCreated.get(member));
    }

    /**
     * Since when the Pod has been in its present readiness: the later of its creation and its Ready condition's
     * last transition (a Pod created after the transition of its predecessor's condition is timed from its own).
     */
    Optional<Instant> readinessSince(String member) {
        Optional<Instant> created = created(member);
        Optional<Instant> changed = Optional.ofNullable(readinessChanged.get(member));
        if (created.isEmpty()) {
            return changed;
        }
        return Optional.of(changed.filter(c -> c.isAfter(created.get())).orElse(created.get()));
    }

    Optional<Instant> defragFailed(String member) {
        return Optional.ofNullable(defragFailed.get(member));
    }
}
