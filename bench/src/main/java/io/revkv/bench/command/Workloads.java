package io.revkv.bench.command;

import java.util.List;

/** The workloads {@code compare} knows, as the subcommand arguments that run them. */
final class Workloads {
    private Workloads() {
    }

    static List<String> args(String workload) {
        return switch (workload) {
            case "put" -> List.of("put");
            case "range-l" -> List.of("range", "--consistency", "l");
            case "range-s" -> List.of("range", "--consistency", "s");
            case "txn-put" -> List.of("txn-put");
            case "watch" -> List.of("watch", "--watchers", "100", "--streams", "10", "--rate", "200");
            case "lease-keepalive" -> List.of("lease-keepalive");
            default -> throw new IllegalArgumentException("unknown workload '" + workload
                    + "'; one of put, range-l, range-s, txn-put, watch, lease-keepalive");
        };
    }
}
