package io.korch.cli.commands;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * The TIME of {@code korch get --at TIME}: an RFC 3339 time ({@code 2026-12-01T10:00:00Z},
 * {@code 2026-12-01T11:00:00.5+01:00}) or a time before now ({@code -90s}, {@code -10m},
 * {@code -2h}, {@code -1d}, {@code -1h30m}). Read before any request, so a bad one sends nothing.
 */
final class PointInTime {

    private PointInTime() {
    }

    /**
     * The instant {@code text} names, relative times taken back from {@code now} to the millisecond.
     *
     * @throws CommandFailedException when it does not parse or lies after {@code now}
     */
    static Instant parse(String text, Instant now) {
        String value = text == null ? "" : text.strip();
        Instant instant = value.startsWith("-") ? before(now, value.substring(1), text) : absolute(value, text);
        if (instant.isAfter(now)) {
            throw new CommandFailedException("--at " + text + " is in the future (now is "
                    + now.truncatedTo(ChronoUnit.SECONDS) + ")");
        }
        return instant;
    }

    /** {@code instant} as the API's {@code asOf} takes it: RFC 3339 in UTC. */
    static String rfc3339(Instant instant) {
        return instant.toString();
    }

    private static Instant before(Instant now, String duration, String text) {
        try {
            Duration ago = Converters.parseDuration(duration);
            return now.truncatedTo(ChronoUnit.MILLIS).minus(ago);
        } catch (IllegalArgumentException e) {
            throw invalid(text);
        }
    }

    private static Instant absolute(String value, String text) {
        try {
            return OffsetDateTime.parse(value.toUpperCase(Locale.ROOT)).toInstant();
        } catch (DateTimeParseException e) {
            throw invalid(text);
        }
    }

    private static CommandFailedException invalid(String text) {
        return new CommandFailedException("invalid --at \"" + text + "\": expected an RFC 3339 time such as"
                + " 2026-12-01T10:00:00Z, or a time before now such as -90s, -10m, -2h or -1d");
    }
}
