package io.korch.printing;

import io.korch.model.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** Shows CPU and memory quantities compactly: {@code 2}, {@code 250m}, {@code 128Mi}, {@code 23.4Gi}. */
public final class Quantities {

    private static final String[] BINARY_SUFFIXES = {"Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};

    private Quantities() {
    }

    /** A CPU quantity in its shortest exact form; an unparsable one as written. */
    public static String cpu(String quantity) {
        if (quantity == null) {
            return null;
        }
        try {
            return Quantity.formatMillis(Quantity.parseMillis(quantity));
        } catch (IllegalArgumentException e) {
            return quantity;
        }
    }

    /** A memory quantity with a binary suffix, to one decimal when not exact; an unparsable one as written. */
    public static String memory(String quantity) {
        if (quantity == null) {
            return null;
        }
        try {
            return bytes(Quantity.parseBytes(quantity));
        } catch (IllegalArgumentException e) {
            return quantity;
        }
    }

    /**
     * Bytes in the largest binary unit they reach, to one decimal: {@code 128Mi}, {@code 23.5Gi};
     * below 1Ki as a plain number.
     */
    public static String bytes(long bytes) {
        if (bytes < 1024) {
            return Long.toString(bytes);
        }
        int unit = 0;
        while (unit + 1 < BINARY_SUFFIXES.length && bytes >= 1L << (10 * (unit + 2))) {
            unit++;
        }
        BigDecimal value = BigDecimal.valueOf(bytes)
                .divide(BigDecimal.valueOf(1L << (10 * (unit + 1))), 1, RoundingMode.HALF_UP)
                .stripTrailingZeros();
        return value.toPlainString() + BINARY_SUFFIXES[unit];
    }
}
