package io.revkv.bench.report;

import java.util.Arrays;

/**
 * How a steady writer saw an outage that began at {@code outageNanos} (e.g. the leader killed): the longest time
 * between two successful writes (from the last success to the end of the run counts too, so that writes that never
 * resume show the whole rest of the run), and the time from the outage to the first success of a write sent after
 * it (a write sent before may have committed before the outage; it says nothing about recovery).
 *
 * <p>Worked example: writes completing at 10, 20, 30 ms, the leader killed at 35 ms, writes sent at 40 and 60 ms
 * failing, one sent at 80 ms completing at 500 ms, run ending at 520 ms: the longest gap is 470 ms (30 to 500), the
 * first write after the outage 465 ms (35 to 500).
 *
 * @param longestGapNanos    the longest time without a successful write completing
 * @param firstSuccessNanos  outage to the first successful write sent after it; -1 when there was none
 */
public record WriteGaps(long longestGapNanos, long firstSuccessNanos) {

    /**
     * @param due     when each request was sent (due), in {@link System#nanoTime()} terms
     * @param done    when each request completed
     * @param ok      whether it succeeded
     * @param count   how many of the arrays' entries are samples
     * @param endNanos when the run ended
     */
    public static WriteGaps of(long[] due, long[] done, boolean[] ok, int count, long outageNanos, long endNanos) {
        long[] successes = new long[count];
        int n = 0;
        long first = Long.MAX_VALUE;
        for (int i = 0; i < count; i++) {
            if (ok[i]) {
                successes[n++] = done[i];
                if (due[i] >= outageNanos) {
                    first = Math.min(first, done[i]);
                }
            }
        }
        Arrays.sort(successes, 0, n);
        long longest = n == 0 ? 0 : Math.max(0, endNanos - successes[n - 1]);
        for (int i = 1; i < n; i++) {
            longest = Math.max(longest, successes[i] - successes[i - 1]);
        }
        return new WriteGaps(longest, first == Long.MAX_VALUE ? -1 : first - outageNanos);
    }

    public double longestGapMs() {
        return longestGapNanos / 1e6;
    }

    /** Milliseconds, or -1 when no write succeeded after the outage. */
    public double firstSuccessMs() {
        return firstSuccessNanos < 0 ? -1 : firstSuccessNanos / 1e6;
    }
}
