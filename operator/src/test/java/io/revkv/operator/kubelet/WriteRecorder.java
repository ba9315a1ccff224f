package io.revkv.operator.kubelet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Every request a client made, and what follows from them for one window of time: how many writes and reads
 * succeeded, the failures by gRPC code, the longest time without a successful write, and which acknowledged writes
 * a final read does not return. Times are {@link System#nanoTime()} values; thread-safe.
 */
final class WriteRecorder {

    enum Kind { WRITE, READ }

    /** One request: sent at start, answered (or failed) at end, {@code code} "OK" or the gRPC status code. */
    record Request(Kind kind, long start, long end, String endpoint, String code, String key, String value) {
        boolean ok() {
            return "OK".equals(code);
        }
    }

    /** What a client saw in a window. */
    record Figures(String scenario, Duration duration, int writesOk, Map<String, Integer> writesFailed,
                   Duration longestWriteGap, int readsOk, Map<String, Integer> readsFailed) {

        int failed() {
            return writesFailed.values().stream().mapToInt(Integer::intValue).sum()
                    + readsFailed.values().stream().mapToInt(Integer::intValue).sum();
        }

        int total() {
            return writesOk + readsOk + failed();
        }
    }

    private final List<Request> requests = new ArrayList<>();
    private final Map<String, String> firstMessages = new TreeMap<>();

    synchronized void record(Request request) {
        requests.add(request);
    }

    /** The first error message seen with this code, to say what a code meant here (UNKNOWN says nothing alone). */
    synchronized void message(String code, String message) {
        firstMessages.putIfAbsent(code, String.valueOf(message));
    }

    synchronized Map<String, String> firstMessages() {
        return Map.copyOf(firstMessages);
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    /**
     * The figures of requests answered within [from, to]. The longest write gap counts from the window's start to
     * the first successful write and from the last to its end too: a window that opens or closes in an outage
     * shows it.
     */
    Figures figures(String scenario, long from, long to) {
        List<Request> in = requests().stream().filter(r -> r.end() >= from && r.end() <= to).toList();
        long previous = from;
        long longest = 0;
        for (Request r : in.stream().filter(r -> r.kind() == Kind.WRITE && r.ok())
                .sorted(java.util.Comparator.comparingLong(Request::end)).toList()) {
            longest = Math.max(longest, r.end() - previous);
            previous = r.end();
        }
        longest = Math.max(longest, to - previous);
        return new Figures(scenario, Duration.ofNanos(to - from), count(in, Kind.WRITE), failures(in, Kind.WRITE),
                Duration.ofNanos(longest), count(in, Kind.READ), failures(in, Kind.READ));
    }

    /** Acknowledged writes whose key the final read does not return with the value written, as key to value. */
    Map<String, String> lost(Map<String, String> finalRead) {
        Map<String, String> lost = new TreeMap<>();
        for (Request r : requests()) {
            if (r.kind() == Kind.WRITE && r.ok() && !Objects.equals(finalRead.get(r.key()), r.value())) {
                lost.put(r.key(), r.value());
            }
        }
        return lost;
    }

    int acknowledgedWrites() {
        return (int) requests().stream().filter(r -> r.kind() == Kind.WRITE && r.ok()).count();
    }

    private static int count(List<Request> in, Kind kind) {
        return (int) in.stream().filter(r -> r.kind() == kind && r.ok()).count();
    }

    private static Map<String, Integer> failures(List<Request> in, Kind kind) {
        Map<String, Integer> byCode = new TreeMap<>();
        in.stream().filter(r -> r.kind() == kind && !r.ok()).forEach(r -> byCode.merge(r.code(), 1, Integer::sum));
        return byCode;
    }

    /** The figures as a table, one scenario a row. */
    static String table(List<Figures> rows) {
        StringBuilder out = new StringBuilder(String.format("%-34s %9s %9s %-28s %9s %8s %-24s%n", "scenario",
                "duration", "writes ok", "writes failed by code", "write gap", "reads ok", "reads failed by code"));
        for (Figures f : rows) {
            out.append(String.format("%-34s %8.1fs %9d %-28s %8.3fs %8d %-24s%n", f.scenario(),
                    f.duration().toMillis() / 1000.0, f.writesOk(), codes(f.writesFailed()),
                    f.longestWriteGap().toMillis() / 1000.0, f.readsOk(), codes(f.readsFailed())));
        }
        return out.toString();
    }

    private static String codes(Map<String, Integer> byCode) {
        return byCode.isEmpty() ? "0" : byCode.toString();
    }
}
