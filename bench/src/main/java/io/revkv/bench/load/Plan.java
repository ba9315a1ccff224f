package io.revkv.bench.load;

import java.time.Duration;

/**
 * When a load run stops and how fast it sends.
 *
 * @param clients  concurrent clients, each one request in flight at a time
 * @param total    requests to send; 0 = no limit (then {@code duration} must be set)
 * @param duration how long to send; null = no limit (then {@code total} must be positive)
 * @param rate     requests per second over all clients; 0 = as fast as the clients go
 */
public record Plan(int clients, long total, Duration duration, double rate) {
    public Plan {
        if (total <= 0 && duration == null) {
            throw new IllegalArgumentException("a run needs --total or --duration");
        }
    }

    public static Plan forDuration(int clients, Duration duration, double rate) {
        return new Plan(clients, 0, duration, rate);
    }

    public static Plan forTotal(int clients, long total) {
        return new Plan(clients, total, null, 0);
    }
}
