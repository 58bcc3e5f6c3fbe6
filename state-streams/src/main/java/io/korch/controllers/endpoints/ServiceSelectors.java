package io.korch.controllers.endpoints;

import java.util.Map;
import java.util.TreeMap;

/**
 * A Service's selector ({@code spec.selector}: labels a pod must all carry) as the text the
 * endpoints controller indexes it by, {@code key=value} lines in key order, and the match of that
 * text against a pod's labels. Finding the Services a pod change touches reads these short texts,
 * never the Services themselves. Neither {@code =} nor a line break can occur in a label key or
 * value, so the text is unambiguous.
 */
final class ServiceSelectors {

    private ServiceSelectors() {
    }

    /** The text of {@code selector}; empty for an empty selector. */
    static String encode(Map<String, String> selector) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(selector).forEach((key, value) -> {
            if (!text.isEmpty()) {
                text.append('\n');
            }
            text.append(key).append('=').append(value);
        });
        return text.toString();
    }

    /** Whether {@code labels} carry every pair of the selector {@code encoded}; an empty selector matches nothing. */
    static boolean matches(String encoded, Map<String, String> labels) {
        if (encoded == null || encoded.isEmpty() || labels == null) {
            return false;
        }
        int start = 0;
        while (start <= encoded.length()) {
            int end = encoded.indexOf('\n', start);
            if (end < 0) {
                end = encoded.length();
            }
            int equals = encoded.indexOf('=', start);
            String key = encoded.substring(start, equals);
            String value = encoded.substring(equals + 1, end);
            if (!value.equals(labels.get(key))) {
                return false;
            }
            start = end + 1;
        }
        return true;
    }

    /** Whether {@code labels} carry every pair of {@code selector}; an empty selector matches nothing. */
    static boolean matches(Map<String, String> selector, Map<String, String> labels) {
        if (selector == null || selector.isEmpty() || labels == null) {
            return false;
        }
        for (Map.Entry<String, String> required : selector.entrySet()) {
            if (!required.getValue().equals(labels.get(required.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
