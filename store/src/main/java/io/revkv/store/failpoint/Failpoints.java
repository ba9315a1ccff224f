package io.revkv.store.failpoint;

import java.util.HashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The registry of armed failpoints. Arm them with the system property {@code failpoints}
 * ({@code name=action,name=action}, action {@code halt} or {@code throw}), read once when this class loads,
 * or with {@link #enable} from a test.
 *
 * <p>Points of the MVCC store's compaction, in the order a compaction passes them:
 * {@code compactAfterScheduled} (the scheduled mark is committed, nothing deleted yet), {@code compactBetweenBatches}
 * (a full batch of deletions committed, more to go), {@code compactBeforeFinished} (the last deletions and the
 * finished mark are about to be committed together).
 */
public final class Failpoints {
    public static final String PROPERTY = "failpoints";
    private static final Logger LOG = Logger.getLogger(Failpoints.class);

    /** Replaced as a whole, never mutated: {@link #hit} reads it without locking. */
    private static volatile Map<String, FailpointAction> armed = parse(System.getProperty(PROPERTY, ""));

    private Failpoints() {
    }

    /** Does what the failpoint {@code name} is armed to do; nothing if it is not armed. */
    public static void hit(String name) {
        Map<String, FailpointAction> current = armed;
        if (current.isEmpty()) {
            return;
        }
        FailpointAction action = current.get(name);
        if (action == FailpointAction.HALT) {
            LOG.warnf("failpoint %s: halting the JVM", name);
            Runtime.getRuntime().halt(137);
        } else if (action == FailpointAction.THROW) {
            LOG.warnf("failpoint %s: throwing", name);
            throw new FailpointException(name);
        }
    }

    public static synchronized void enable(String name, FailpointAction action) {
        Map<String, FailpointAction> next = new HashMap<>(armed);
        next.put(name, action);
        armed = Map.copyOf(next);
    }

    public static synchronized void disable(String name) {
        Map<String, FailpointAction> next = new HashMap<>(armed);
        next.remove(name);
        armed = Map.copyOf(next);
    }

    public static synchronized void disableAll() {
        armed = Map.of();
    }

    static Map<String, FailpointAction> parse(String spec) {
        Map<String, FailpointAction> parsed = new HashMap<>();
        for (String item : spec.split(",")) {
            if (item.isBlank()) {
                continue;
            }
            int eq = item.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException(PROPERTY + ": expected name=action, got '" + item + "'");
            }
            parsed.put(item.substring(0, eq).trim(), FailpointAction.parse(item.substring(eq + 1)));
        }
        return Map.copyOf(parsed);
    }
}
