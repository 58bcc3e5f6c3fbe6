package io.korch.agent.server;

import io.korch.agent.runtime.LogRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.function.Function;

/**
 * The query of a log request, with Kubernetes' {@code PodLogOptions} names: {@code follow}, {@code previous},
 * {@code tailLines}, {@code sinceSeconds}, {@code sinceTime} (RFC 3339), {@code timestamps}, {@code limitBytes}.
 * Pure but for the clock that turns {@code sinceSeconds} into a time.
 *
 * @param request    what to read from the runtime
 * @param timestamps whether each line starts with its time
 * @param limitBytes the most bytes to answer, or null for no limit
 */
public record LogQuery(LogRequest request, boolean timestamps, Long limitBytes) {

    /**
     * Reads the query from {@code param} (a parameter's value, or null when absent).
     *
     * @throws IllegalArgumentException with Kubernetes' wording when a value is not valid
     */
    public static LogQuery parse(Function<String, String> param, Clock clock) {
        boolean follow = bool(param, "follow");
        boolean previous = bool(param, "previous");
        Long tailLines = number(param, "tailLines");
        Long sinceSeconds = number(param, "sinceSeconds");
        Long limitBytes = number(param, "limitBytes");
        String sinceTime = param.apply("sinceTime");
        if (tailLines != null && tailLines < 0) {
            throw new IllegalArgumentException("tailLines: Invalid value: " + tailLines
                    + ": must be greater than or equal to 0");
        }
        if (limitBytes != null && limitBytes < 1) {
            throw new IllegalArgumentException("limitBytes: Invalid value: " + limitBytes + ": must be greater than 0");
        }
        if (sinceSeconds != null && sinceSeconds < 1) {
            throw new IllegalArgumentException("sinceSeconds: Invalid value: " + sinceSeconds
                    + ": must be greater than 0");
        }
        if (sinceSeconds != null && sinceTime != null) {
            throw new IllegalArgumentException("at most one of `sinceTime` or `sinceSeconds` may be specified");
        }
        Instant since = null;
        if (sinceSeconds != null) {
            since = clock.instant().minusSeconds(sinceSeconds);
        } else if (sinceTime != null) {
            try {
                since = OffsetDateTime.parse(sinceTime).toInstant();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("sinceTime: Invalid value: \"" + sinceTime
                        + "\": must be an RFC 3339 time, such as 2024-01-02T15:04:05Z");
            }
        }
        int tail = tailLines == null ? -1 : (int) Math.min(Integer.MAX_VALUE, tailLines);
        LogRequest request = new LogRequest(previous, follow, since, tail < 0 ? null : tail);
        return new LogQuery(request, bool(param, "timestamps"), limitBytes);
    }

    private static boolean bool(Function<String, String> param, String name) {
        String value = param.apply(name);
        if (value == null || value.equals("false") || value.equals("0")) {
            return false;
        }
        if (value.isEmpty() || value.equals("true") || value.equals("1")) {
            return true;
        }
        throw new IllegalArgumentException(name + ": Invalid value: \"" + value + "\": must be true or false");
    }

    private static Long number(Function<String, String> param, String name) {
        String value = param.apply(name);
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": Invalid value: \"" + value + "\": must be an integer");
        }
    }
}
