package io.korch.topics;

import java.time.Clock;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * Revisions, the resourceVersions of korch: microseconds since the epoch, made unique and
 * increasing by the change log. A revision is the wall-clock microsecond its change was recorded
 * in, or one past the previous revision when several changes fall in one microsecond or the clock
 * stepped back, like a hybrid logical clock. So one number orders every change in the log and
 * also says, to the millisecond, when it was recorded: each record of {@link Topics#CHANGES} is
 * stamped with its revision's millisecond, and a reader finds a revision, or a moment, with
 * Kafka's time index.
 */
public final class Revisions {

    private Revisions() {
    }

    /** The revision after {@code previous} (0 when there was none), at {@code clock}'s time. */
    public static long next(long previous, Clock clock) {
        return Math.max(previous + 1, Math.multiplyExact(clock.millis(), 1000L));
    }

    /** The millisecond revision {@code revision} was recorded in: the timestamp of its record. */
    public static long millisOf(long revision) {
        return revision / 1000L;
    }

    /** The smallest revision that can be recorded at {@code time}. */
    public static long firstAt(Instant time) {
        return Math.multiplyExact(time.toEpochMilli(), 1000L);
    }

    /** When {@code revision} was recorded, to the millisecond. */
    public static Instant timeOf(long revision) {
        return Instant.ofEpochMilli(millisOf(revision));
    }

    /** {@code text} as a revision: a positive decimal number; empty when it is not one. */
    public static OptionalLong parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 19) {
            return OptionalLong.empty();
        }
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isDigit(text.charAt(i))) {
                return OptionalLong.empty();
            }
        }
        try {
            long revision = Long.parseLong(text);
            return revision >= 0 ? OptionalLong.of(revision) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
