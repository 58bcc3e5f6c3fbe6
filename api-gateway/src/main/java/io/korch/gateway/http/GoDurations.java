package io.korch.gateway.http;

import java.time.Duration;

/** Durations written as Go's {@code time.Duration} writes them ({@code 15s}, {@code 1m0s}, {@code 1.5s}, {@code 500ms}), as Kubernetes serves them. */
final class GoDurations {

    private GoDurations() {
    }

    /** {@code duration} to the millisecond, as Go writes it. */
    static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis == 0) {
            return "0s";
        }
        String sign = millis < 0 ? "-" : "";
        millis = Math.abs(millis);
        if (millis < 1000) {
            return sign + millis + "ms";
        }
        long hours = millis / 3_600_000;
        long minutes = millis / 60_000 % 60;
        long secondMillis = millis % 60_000;
        StringBuilder text = new StringBuilder(sign);
        if (hours > 0) {
            text.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0) {
            text.append(minutes).append('m');
        }
        text.append(secondMillis / 1000);
        long fraction = secondMillis % 1000;
        if (fraction > 0) {
            String digits = String.format("%03d", fraction).replaceAll("0+$", "");
            text.append('.').append(digits);
        }
        return text.append('s').toString();
    }
}
