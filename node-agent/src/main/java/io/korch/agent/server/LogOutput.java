package io.korch.agent.server;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;

/**
 * Turns log entries into the bytes of a log answer: each entry prefixed with its time in Kubernetes' RFC 3339
 * form with nanoseconds ({@code 2024-01-02T15:04:05.123456789Z}, trailing zeros dropped) when timestamps are
 * asked for, and cut off once the answer holds {@code limitBytes}. Not thread-safe: one per answer.
 */
public final class LogOutput {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private final boolean timestamps;
    private long remaining;

    /** An output with or without timestamps, holding at most {@code limitBytes} (null for no limit). */
    public LogOutput(boolean timestamps, Long limitBytes) {
        this.timestamps = timestamps;
        this.remaining = limitBytes == null ? Long.MAX_VALUE : limitBytes;
    }

    /** The bytes to answer for one entry; fewer than the entry's when the limit cuts it, none past the limit. */
    public byte[] format(Instant time, byte[] entry) {
        byte[] bytes = entry;
        if (timestamps && time != null) {
            byte[] prefix = (timestamp(time) + " ").getBytes(StandardCharsets.US_ASCII);
            bytes = new byte[prefix.length + entry.length];
            System.arraycopy(prefix, 0, bytes, 0, prefix.length);
            System.arraycopy(entry, 0, bytes, prefix.length, entry.length);
        }
        if (bytes.length > remaining) {
            bytes = Arrays.copyOf(bytes, (int) remaining);
        }
        remaining -= bytes.length;
        return bytes;
    }

    /** Whether the limit is reached: nothing more will be answered. */
    public boolean full() {
        return remaining <= 0;
    }

    /** {@code time} as Go's {@code time.RFC3339Nano} writes it in UTC. */
    public static String timestamp(Instant time) {
        String text = SECONDS.format(time);
        int nanos = time.getNano();
        if (nanos == 0) {
            return text + "Z";
        }
        String fraction = String.format("%09d", nanos).replaceFirst("0+$", "");
        return text + "." + fraction + "Z";
    }
}
