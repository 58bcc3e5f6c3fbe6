package io.korch.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and formats Kubernetes resource quantities: CPU in millicores ({@code 250m}, {@code 1.5})
 * and memory in bytes ({@code 128Mi}, {@code 1G}, {@code 1e3}).
 *
 * <p>A quantity is a non-negative decimal number followed by an optional suffix: a binary SI suffix
 * ({@code Ki Mi Gi Ti Pi Ei}), a decimal SI suffix ({@code n u m k M G T P E}) or a decimal exponent
 * ({@code e3}, {@code E-2}). Parsing is exact ({@link BigDecimal}); a fraction of the target unit is
 * rounded up, as Kubernetes does, and a result beyond {@code long} is rejected.
 */
public final class Quantity {

    /** Number part, then everything after it as the suffix. */
    private static final Pattern SYNTAX = Pattern.compile("\\+?(\\d+(?:\\.\\d*)?|\\.\\d+)(.*)", Pattern.DOTALL);
    private static final Pattern EXPONENT = Pattern.compile("[eE]([+-]?\\d+)");
    private static final Map<String, Integer> DECIMAL_SUFFIXES = Map.of(
            "n", -9, "u", -6, "m", -3, "", 0, "k", 3, "M", 6, "G", 9, "T", 12, "P", 15, "E", 18);
    /** Binary suffixes in increasing order; the one at index i stands for 2^(10 * (i + 1)). */
    private static final String[] BINARY_SUFFIXES = {"Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private Quantity() {
    }

    /**
     * Parses a CPU quantity into millicores: {@code 250m} is 250, {@code 1} is 1000, {@code 0.1} is
     * 100. A fraction of a millicore rounds up.
     *
     * @throws IllegalArgumentException if {@code q} is not a valid non-negative quantity or too large
     */
    public static long parseMillis(String q) {
        return toLongRoundingUp(q, parse(q, 3));
    }

    /**
     * Parses a CPU quantity into billionths of a core: {@code 12345n} is 12345, {@code 250m} is 250000000. A
     * fraction of a nanocore rounds up.
     *
     * @throws IllegalArgumentException if {@code q} is not a valid non-negative quantity or too large
     */
    public static long parseNanoCores(String q) {
        return toLongRoundingUp(q, parse(q, 9));
    }

    /**
     * Parses a memory quantity into bytes: {@code 128Mi} is 134217728, {@code 1G} is 1000000000. A
     * fraction of a byte ({@code 1.5Gi} is exact, {@code 1500m} is not) rounds up.
     *
     * @throws IllegalArgumentException if {@code q} is not a valid non-negative quantity or too large
     */
    public static long parseBytes(String q) {
        return toLongRoundingUp(q, parse(q, 0));
    }

    /** Renders millicores for display: {@code 250m}, or whole cores as {@code 2}. */
    public static String formatMillis(long millis) {
        return millis % 1000 == 0 ? Long.toString(millis / 1000) : millis + "m";
    }

    /**
     * Renders billionths of a core as Kubernetes writes a quantity in canonical form, with the largest decimal
     * suffix that keeps it exact: {@code 1234567n}, {@code 12u}, {@code 250m}, or whole cores as {@code 2}.
     */
    public static String formatNanoCores(long nanoCores) {
        if (nanoCores == 0) {
            return "0";
        }
        String[] suffixes = {"", "m", "u"};
        for (int i = 0; i < suffixes.length; i++) {
            long unit = (long) Math.pow(10, 9 - 3 * i);
            if (nanoCores % unit == 0) {
                return nanoCores / unit + suffixes[i];
            }
        }
        return nanoCores + "n";
    }

    /**
     * Renders bytes for display with the largest binary suffix that divides them exactly
     * ({@code 128Mi}, {@code 1Gi}), or as a plain number when none does.
     */
    public static String formatBytes(long bytes) {
        for (int i = BINARY_SUFFIXES.length - 1; i >= 0 && bytes != 0; i--) {
            long unit = 1L << (10 * (i + 1));
            if (bytes % unit == 0) {
                return bytes / unit + BINARY_SUFFIXES[i];
            }
        }
        return Long.toString(bytes);
    }

    /** The exact value of {@code q} in units of 10^-{@code unitExponent}: 3 gives millis. */
    private static BigDecimal parse(String q, int unitExponent) {
        if (q == null || q.isEmpty()) {
            throw invalid(q, "must not be empty");
        }
        if (q.startsWith("-")) {
            throw invalid(q, "must not be negative");
        }
        Matcher matcher = SYNTAX.matcher(q);
        if (!matcher.matches()) {
            throw invalid(q, "must start with a number");
        }
        try {
            BigDecimal value = applySuffix(q, new BigDecimal(matcher.group(1)), matcher.group(2));
            return value.scaleByPowerOfTen(unitExponent);
        } catch (ArithmeticException e) {
            throw invalid(q, "exponent out of range");
        }
    }

    private static BigDecimal applySuffix(String q, BigDecimal number, String suffix) {
        Integer decimalExponent = DECIMAL_SUFFIXES.get(suffix);
        if (decimalExponent != null) {
            return number.scaleByPowerOfTen(decimalExponent);
        }
        for (int i = 0; i < BINARY_SUFFIXES.length; i++) {
            if (BINARY_SUFFIXES[i].equals(suffix)) {
                return number.multiply(BigDecimal.valueOf(1L << (10 * (i + 1))));
            }
        }
        Matcher exponent = EXPONENT.matcher(suffix);
        if (exponent.matches()) {
            return number.scaleByPowerOfTen(parseExponent(q, exponent.group(1)));
        }
        throw invalid(q, "unknown suffix \"" + suffix + "\"");
    }

    private static int parseExponent(String q, String exponent) {
        try {
            return Integer.parseInt(exponent);
        } catch (NumberFormatException e) {
            throw invalid(q, "exponent out of range");
        }
    }

    /**
     * Rounds a non-negative value up to a whole number. Values below one are settled before
     * rounding, so an exponent like {@code e-999999999} never builds a huge divisor.
     */
    private static long toLongRoundingUp(String q, BigDecimal value) {
        if (value.signum() == 0) {
            return 0;
        }
        if (value.compareTo(BigDecimal.ONE) < 0) {
            return 1;
        }
        if (value.compareTo(LONG_MAX) > 0) {
            throw invalid(q, "too large");
        }
        return value.setScale(0, RoundingMode.CEILING).longValueExact();
    }

    private static IllegalArgumentException invalid(String q, String reason) {
        String shown = q == null ? "null" : "\"" + q + "\"";
        return new IllegalArgumentException("invalid quantity " + shown + ": " + reason);
    }
}
