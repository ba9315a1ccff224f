package io.revkv.operator.v1alpha1;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Go duration as the spec writes them (Go's time.ParseDuration without a sign): a sequence of decimal numbers,
 * each with a unit, e.g. {@code 5m}, {@code 1h30m}, {@code 1.5s}, {@code 300ms}. The schema's pattern admits
 * nothing else, so a string that does not parse here never reached the operator.
 */
public final class GoDuration {

    private static final Pattern PART = Pattern.compile("([0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h)");
    private static final Map<String, Long> NANOS = Map.of("ns", 1L, "us", 1_000L, "µs", 1_000L, "μs", 1_000L,
            "ms", 1_000_000L, "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    private GoDuration() {
    }

    /** @throws IllegalArgumentException when {@code text} is not a Go duration */
    public static Duration parse(String text) {
        Matcher m = PART.matcher(text);
        BigDecimal nanos = BigDecimal.ZERO;
        int end = 0;
        while (end < text.length() && m.find(end) && m.start() == end) {
            nanos = nanos.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(NANOS.get(m.group(2)))));
            end = m.end();
        }
        if (text.isEmpty() || end != text.length()) {
            throw new IllegalArgumentException("not a duration: \"" + text + "\" (e.g. 5m, 1h30m, 1.5s)");
        }
        return Duration.ofNanos(nanos.longValue());
    }
}
