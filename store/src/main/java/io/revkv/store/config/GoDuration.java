package io.revkv.store.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Go's {@code time.ParseDuration}, which etcd uses for its duration flags: a sequence of decimal numbers, each with
 * a unit ({@code ns us µs ms s m h}), e.g. {@code 300ms}, {@code 1.5h}, {@code 1h30m}; a lone {@code 0} needs no unit.
 */
public final class GoDuration {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h)");
    private static final Map<String, Long> NANOS_PER_UNIT = Map.of(
            "ns", 1L, "us", 1_000L, "µs", 1_000L, "μs", 1_000L, "ms", 1_000_000L,
            "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    private GoDuration() {
    }

    /** @throws IllegalArgumentException with Go's wording, e.g. {@code time: missing unit in duration "-1"} */
    public static Duration parse(String text) {
        String s = text;
        boolean negative = s.startsWith("-");
        if (negative || s.startsWith("+")) {
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        if (s.isEmpty()) {
            throw invalid(text);
        }
        BigDecimal nanos = BigDecimal.ZERO;
        Matcher m = PART.matcher(s);
        int at = 0;
        while (at < s.length()) {
            if (!m.find(at) || m.start() != at) {
                throw s.substring(at).matches("[\\d.]+") ? missingUnit(text) : invalid(text);
            }
            nanos = nanos.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(NANOS_PER_UNIT.get(m.group(2)))));
            at = m.end();
        }
        long total = nanos.longValue();
        return Duration.ofNanos(negative ? -total : total);
    }

    /** Go's {@code time.Duration.String()}: {@code 5s}, {@code 500ms}, {@code 1.5s}, {@code 30m0s}, {@code 24h0m0s}. */
    public static String format(Duration duration) {
        long nanos = duration.toNanos();
        String sign = nanos < 0 ? "-" : "";
        long u = Math.abs(nanos);
        if (u == 0) {
            return "0s";
        }
        if (u < 1_000_000_000L) {
            return sign + (u < 1_000L ? u + "ns" : u < 1_000_000L ? fraction(u, 3) + "µs" : fraction(u, 6) + "ms");
        }
        long minutes = u / 60_000_000_000L;
        String seconds = fraction(u % 60_000_000_000L, 9) + "s";
        if (minutes == 0) {
            return sign + seconds;
        }
        String hoursMinutes = minutes >= 60 ? (minutes / 60) + "h" + (minutes % 60) + "m" : minutes + "m";
        return sign + hoursMinutes + seconds;
    }

    /** {@code value / 10^digits} in decimal, without trailing zeros: 1500000 with 6 digits is {@code 1.5}. */
    private static String fraction(long value, int digits) {
        long scale = (long) Math.pow(10, digits);
        String fractional = String.format("%0" + digits + "d", value % scale).replaceAll("0+$", "");
        return (value / scale) + (fractional.isEmpty() ? "" : "." + fractional);
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("time: invalid duration \"" + text + "\"");
    }

    private static IllegalArgumentException missingUnit(String text) {
        return new IllegalArgumentException("time: missing unit in duration \"" + text + "\"");
    }
}
