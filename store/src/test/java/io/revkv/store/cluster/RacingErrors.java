package io.revkv.store.cluster;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The errors etcd answers a membership change or a MoveLeader with while other changes and leadership moves race
 * it: counted, and the caller tries again. Anything else is a failure, kept with its message. Shared by the test
 * thread and the threads it starts.
 *
 * <p>Accepted: etcd's own answers to a race (the leader moved, the cluster not yet healthy after a change, a
 * learner not in sync yet, a transferee that is a learner or gone, ...), and transport failures and client
 * deadlines (a member that was removed stops; a request to a member stepping down can wait out its deadline).
 */
final class RacingErrors {

    private static final List<String> RACES = List.of(
            "etcdserver: leader changed",
            "etcdserver: not leader",
            "etcdserver: no leader",
            "etcdserver: unhealthy cluster",
            "etcdserver: too many learner members in cluster",
            "etcdserver: bad leader transferee",
            "etcdserver: rpc not supported for learner",
            "etcdserver: can only promote a learner member which is in sync with leader",
            "etcdserver: re-configuration failed due to not enough started members",
            "etcdserver: server stopped");
    /** etcd's timeouts all start so ("..., leader transfer took too long", "..., possibly due to ..."). */
    private static final String TIMED_OUT = "etcdserver: request timed out";

    private final Map<String, AtomicInteger> counts = new ConcurrentSkipListMap<>();
    private final Queue<String> unexpected = new ConcurrentLinkedQueue<>();

    /** Counts {@code e} and returns true if it is a race's answer; otherwise keeps it as unexpected, false. */
    boolean accept(String operation, StatusRuntimeException e) {
        String key = key(e.getStatus());
        if (key == null) {
            unexpected.add(operation + ": " + e.getStatus().getCode() + " " + e.getStatus().getDescription());
            return false;
        }
        counts.computeIfAbsent(operation + ": " + key, k -> new AtomicInteger()).incrementAndGet();
        return true;
    }

    /** Errors that were no race's answer, with the operation that got them. */
    List<String> unexpected() {
        return List.copyOf(unexpected);
    }

    /** Accepted errors by operation and kind, with how often each came. */
    Map<String, Integer> counts() {
        Map<String, Integer> copy = new TreeMap<>();
        counts.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    /** What the error is counted as; null if it is not a race's answer. */
    private static String key(Status status) {
        String message = status.getDescription() == null ? "" : status.getDescription();
        if (RACES.contains(message) || message.startsWith(TIMED_OUT)) {
            return message;
        }
        boolean fromServer = message.startsWith("etcdserver:");
        if (!fromServer && (status.getCode() == Status.Code.UNAVAILABLE
                || status.getCode() == Status.Code.DEADLINE_EXCEEDED)) {
            return status.getCode() + " (transport or client deadline)";
        }
        return null;
    }
}
