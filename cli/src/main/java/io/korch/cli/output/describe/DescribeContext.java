package io.korch.cli.output.describe;

import io.korch.printing.Ages;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The time a report is written at and the zone its absolute times are shown in.
 *
 * @param now  the current time, for ages
 * @param zone the zone of absolute times
 */
public record DescribeContext(Instant now, ZoneId zone) {

    /** An age relative to now: {@code 5m}. */
    public String age(Instant since) {
        return Ages.age(since, now);
    }

    /** When a repeated event happened: {@code 2m (x3 over 5m)}, or its age when it happened once. */
    public String repeated(Instant first, Instant last, int count) {
        return Ages.repeated(first, last, count, now);
    }

    /** An absolute time: {@code Mon, 02 Jan 2006 15:04:05 +0000}. */
    public String time(Instant time) {
        return Ages.timestamp(time, zone);
    }
}
