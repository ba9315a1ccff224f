package io.revkv.bench.command;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the figures of a window out of what etcd's {@code benchmark put} printed (its {@code pkg/report}): the
 * {@code Requests/sec:} line of its summary, which counts the successful requests over the run's wall time, and the
 * counts of its {@code Error distribution:} lines ({@code [count]<tab>error}). The progress bar it draws on the same
 * output is skipped.
 */
final class LoadToolOutput {
    private static final Pattern RATE = Pattern.compile("^\\s*Requests/sec:\\s*([0-9]+(?:\\.[0-9]*)?(?:[eE][+-]?[0-9]+)?)",
            Pattern.MULTILINE);
    private static final String ERRORS_HEADING = "Error distribution:";
    private static final Pattern ERROR_COUNT = Pattern.compile("^\\s*\\[([0-9]+)\\]\\t", Pattern.MULTILINE);

    private LoadToolOutput() {
    }

    /**
     * The window's rate and errors. Without a summary (the tool prints none when every request failed) the rate is 0
     * if errors were counted; output with neither is not a run of the tool.
     */
    static WindowLoad.Rate parse(String output) {
        long errors = errors(output);
        Matcher rate = RATE.matcher(output);
        if (rate.find()) {
            return new WindowLoad.Rate(Double.parseDouble(rate.group(1)), errors);
        }
        if (errors > 0) {
            return new WindowLoad.Rate(0, errors);
        }
        throw new IllegalArgumentException("no 'Requests/sec:' line in the load tool's output: " + tail(output));
    }

    /** The sum of the counts under the error heading; only there, as the latency histogram's lines hold [n] too. */
    private static long errors(String output) {
        int heading = output.indexOf(ERRORS_HEADING);
        if (heading < 0) {
            return 0;
        }
        Matcher count = ERROR_COUNT.matcher(output.substring(heading + ERRORS_HEADING.length()));
        long sum = 0;
        while (count.find()) {
            sum += Long.parseLong(count.group(1));
        }
        return sum;
    }

    private static String tail(String output) {
        String trimmed = output.strip();
        return trimmed.length() <= 400 ? trimmed : "..." + trimmed.substring(trimmed.length() - 400);
    }
}
