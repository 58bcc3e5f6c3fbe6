package io.korch.gateway.validation;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Rules on the key-value data of ConfigMaps and Secrets, as Kubernetes' validation words them:
 * keys that can be file names in a volume, values in base64 where the API carries bytes, and the
 * 1 MiB that one object's data may hold at most.
 */
public final class DataRules {

    /** The most bytes a ConfigMap's or a Secret's data may hold, values decoded. */
    public static final long MAX_DATA_BYTES = 1024 * 1024;

    static final int KEY_MAX_LENGTH = 253;
    static final String KEY_FORMAT = "[-._a-zA-Z0-9]+";
    static final String KEY_MESSAGE = "a valid config key must consist of alphanumeric characters, '-', '_' or '.'"
            + " (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '" + KEY_FORMAT + "')";
    /** How a cause shows a Secret's value, which the API never echoes. */
    static final String REDACTED = "<secret contents redacted>";

    private static final Pattern KEY = Pattern.compile(KEY_FORMAT);

    private DataRules() {
    }

    /** Checks every key of {@code data}, found at {@code field} ({@code data}, {@code binaryData}). */
    static void keys(Map<String, String> data, String field, Causes causes) {
        data.keySet().forEach(key -> key(key, field + "[" + key + "]", causes));
    }

    /** Checks one key, as Kubernetes' {@code IsConfigMapKey} does: every problem is one cause. */
    static void key(String key, String field, Causes causes) {
        if (key.length() > KEY_MAX_LENGTH) {
            causes.invalid(field, key, "must be no more than " + KEY_MAX_LENGTH + " characters");
        }
        if (!KEY.matcher(key).matches()) {
            causes.invalid(field, key, KEY_MESSAGE);
        }
        if (key.equals(".")) {
            causes.invalid(field, key, "must not be '.'");
        } else if (key.equals("..")) {
            causes.invalid(field, key, "must not be '..'");
        } else if (key.startsWith("..")) {
            causes.invalid(field, key, "must not start with '..'");
        }
    }

    /**
     * The bytes {@code value} of {@code field} stands for, in base64 as Kubernetes' JSON carries
     * bytes (line breaks ignored, as Go's decoder ignores them); -1, with a cause, when it is not
     * base64. {@code shown} is how the value appears in the cause.
     */
    static long decodedSize(String value, String field, Object shown, Causes causes) {
        String text = value.replace("\r", "").replace("\n", "");
        int illegal = illegalByte(text);
        if (illegal >= 0) {
            causes.invalid(field, shown, "illegal base64 data at input byte " + illegal);
            return -1;
        }
        return Base64.getDecoder().decode(text).length;
    }

    /** The size of a plain text value, in UTF-8 bytes. */
    static long size(String value) {
        return value.getBytes(StandardCharsets.UTF_8).length;
    }

    /** Where {@code text} stops being standard padded base64, as Go reports it; -1 when it is valid. */
    private static int illegalByte(String text) {
        int length = text.length();
        int padding = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
        for (int i = 0; i < length - padding; i++) {
            char c = text.charAt(i);
            boolean alphabet = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/';
            if (!alphabet) {
                return i;
            }
        }
        if (length % 4 != 0) {
            return length - length % 4;
        }
        return -1;
    }
}
