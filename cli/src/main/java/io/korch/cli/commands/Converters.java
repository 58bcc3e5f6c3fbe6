package io.korch.cli.commands;

import io.korch.model.Quantity;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Option value converters for durations ({@code 5s}, {@code 1m30s}), resource quantities and counts. */
public final class Converters {

    private static final Pattern DURATION_PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private Converters() {
    }

    /**
     * Parses {@code 500ms}, {@code 5s}, {@code 1m30s}, {@code 2h} or ISO-8601 {@code PT5S}.
     *
     * @throws IllegalArgumentException naming the expected forms
     */
    public static Duration parseDuration(String text) {
        String value = text == null ? "" : text.strip();
        if (value.toUpperCase(Locale.ROOT).startsWith("PT")) {
            try {
                return Duration.parse(value);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(invalidDuration(text), e);
            }
        }
        Matcher part = DURATION_PART.matcher(value);
        Duration total = Duration.ZERO;
        int end = 0;
        while (part.find() && part.start() == end) {
            long amount = Long.parseLong(part.group(1));
            total = total.plus(switch (part.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "d" -> Duration.ofDays(amount);
                default -> Duration.ofHours(amount);
            });
            end = part.end();
        }
        if (value.isEmpty() || end != value.length()) {
            throw new IllegalArgumentException(invalidDuration(text));
        }
        return total;
    }

    private static String invalidDuration(String text) {
        return "invalid duration \"" + text + "\": expected e.g. 500ms, 5s, 1m30s, 2h or 7d";
    }

    /** {@code --node-grace-period 5s}. */
    public static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return parseDuration(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code --cpu 2} or {@code --cpu 1500m}, in millicores. */
    public static final class CpuConverter implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return Quantity.parseMillis(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code --count 5000}: a whole number of at least 1. */
    public static final class PositiveIntConverter implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            try {
                int number = Integer.parseInt(value.strip());
                if (number >= 1) {
                    return number;
                }
            } catch (NumberFormatException e) {
                // reported below, with the expected form
            }
            throw new TypeConversionException("invalid number \"" + value + "\": expected a whole number of at least 1");
        }
    }

    /** {@code --memory 4Gi}, in bytes. */
    public static final class MemoryConverter implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return Quantity.parseBytes(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
