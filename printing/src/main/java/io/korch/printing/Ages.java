package io.korch.printing;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Renders times the way kubectl does: ages as short human durations ({@code 45s}, {@code 3m20s},
 * {@code 5h}, {@code 2d3h}) and absolute times in RFC 1123 form for {@code describe}.
 */
public final class Ages {

    /** kubectl's absolute time format: {@code Mon, 02 Jan 2006 15:04:05 +0000}. */
    private static final DateTimeFormatter RFC_1123 =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ENGLISH);

    private Ages() {
    }

    /** The age of something created at {@code since}, seen at {@code now}; {@code <unknown>} without a time. */
    public static String age(Instant since, Instant now) {
        if (since == null) {
            return "<unknown>";
        }
        return human(Duration.between(since, now));
    }

    /**
     * When a repeated event happened, as kubectl's {@code events} and {@code describe} show it: the
     * age of the last occurrence and over how long all {@code count} happened ({@code 2m (x3 over 5m)}),
     * or the plain age of an event seen once.
     */
    public static String repeated(Instant first, Instant last, int count, Instant now) {
        return count > 1 ? age(last, now) + " (x" + count + " over " + age(first, now) + ")" : age(first, now);
    }

    /**
     * A duration in at most two units, precise for recent things and coarse for old ones, exactly
     * as kubectl's {@code HumanDuration}: seconds below 2 minutes, minutes and seconds below 10
     * minutes, minutes below 3 hours, hours and minutes below 8 hours, hours below 2 days, days
     * and hours below 8 days, days below 2 years, years and days below 8 years, years beyond. A
     * slightly negative duration (clock skew up to a second) is {@code 0s}.
     */
    public static String human(Duration d) {
        long seconds = d.getSeconds();
        if (seconds < -1) {
            return "<invalid>";
        }
        if (seconds < 0) {
            return "0s";
        }
        if (seconds < 60 * 2) {
            return seconds + "s";
        }
        long minutes = seconds / 60;
        if (minutes < 10) {
            long s = seconds % 60;
            return s == 0 ? minutes + "m" : minutes + "m" + s + "s";
        }
        if (minutes < 60 * 3) {
            return minutes + "m";
        }
        long hours = minutes / 60;
        if (hours < 8) {
            long m = minutes % 60;
            return m == 0 ? hours + "h" : hours + "h" + m + "m";
        }
        if (hours < 48) {
            return hours + "h";
        }
        long days = hours / 24;
        if (hours < 24 * 8) {
            long h = hours % 24;
            return h == 0 ? days + "d" : days + "d" + h + "h";
        }
        if (hours < 24 * 365 * 2) {
            return days + "d";
        }
        long years = days / 365;
        if (hours < 24 * 365 * 8) {
            long dy = days % 365;
            return dy == 0 ? years + "y" : years + "y" + dy + "d";
        }
        return years + "y";
    }

    /** An absolute time for {@code describe}: {@code Mon, 02 Jan 2006 15:04:05 +0000}; {@code <unknown>} without one. */
    public static String timestamp(Instant time, ZoneId zone) {
        return time == null ? "<unknown>" : RFC_1123.format(time.atZone(zone));
    }
}
