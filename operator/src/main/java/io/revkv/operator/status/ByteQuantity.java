package io.revkv.operator.status;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Bytes as a short Kubernetes quantity for a printer column: 512, 1.5Ki, 24Mi, 2.1Gi. */
public final class ByteQuantity {

    private static final String[] UNITS = {"Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};

    private ByteQuantity() {
    }

    public static String format(long bytes) {
        if (bytes < 1024) {
            return Long.toString(bytes);
        }
        BigDecimal value = BigDecimal.valueOf(bytes);
        BigDecimal unit = BigDecimal.valueOf(1024);
        int i = -1;
        while (i + 1 < UNITS.length && value.compareTo(unit) >= 0) {
            value = value.divide(unit);
            i++;
        }
        BigDecimal rounded = value.setScale(1, RoundingMode.HALF_UP).stripTrailingZeros();
        return rounded.toPlainString() + UNITS[i];
    }
}
