package io.korch.model;

import java.util.regex.Pattern;

/**
 * A Kubernetes {@code IntOrString} that is a count or a percentage of a total, such as a rolling
 * update's {@code maxSurge} ({@code 1}, {@code 25%}). Resolved against a total as Kubernetes resolves
 * it: a percentage is rounded up or down as the field asks; a count is itself.
 */
public final class IntOrPercent {

    private static final Pattern COUNT = Pattern.compile("[0-9]{1,9}");
    private static final Pattern PERCENT = Pattern.compile("[0-9]{1,9}%");

    private IntOrPercent() {
    }

    /** Whether {@code value} is a non-negative count or a non-negative percentage. */
    public static boolean valid(String value) {
        return value != null && (COUNT.matcher(value).matches() || PERCENT.matcher(value).matches());
    }

    /** Whether {@code value} is a percentage. */
    public static boolean isPercent(String value) {
        return value != null && PERCENT.matcher(value).matches();
    }

    /**
     * {@code value} resolved against {@code total}.
     *
     * @param roundUp whether a percentage rounds up (maxSurge) or down (maxUnavailable)
     * @throws IllegalArgumentException when {@code value} is not {@link #valid}
     */
    public static int scaled(String value, int total, boolean roundUp) {
        if (!valid(value)) {
            throw new IllegalArgumentException("invalid value for IntOrString: " + value);
        }
        if (!isPercent(value)) {
            return Integer.parseInt(value);
        }
        long percent = Long.parseLong(value.substring(0, value.length() - 1));
        long product = percent * total;
        return (int) (roundUp ? (product + 99) / 100 : product / 100);
    }

    /** The percentage of {@code value}, or -1 when it is a count. */
    public static long percent(String value) {
        return isPercent(value) ? Long.parseLong(value.substring(0, value.length() - 1)) : -1;
    }
}
