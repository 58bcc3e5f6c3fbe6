package io.korch.cli.output.jsonpath;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * How kubectl, written in Go, prints the values a JSONPath finds: {@link #text} as Go's
 * {@code fmt.Sprint} prints decoded JSON ({@code map[app:web tier:front]}, {@code [a b]}), what
 * custom columns show; {@link #json} as {@code json.Marshal} does, keys sorted, what
 * {@code -o jsonpath} shows for objects and arrays.
 */
public final class GoValues {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private GoValues() {
    }

    /** {@code value} as {@code fmt.Sprint} prints it. */
    public static String text(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "<nil>";
        }
        if (value.isObject()) {
            StringJoiner entries = new StringJoiner(" ", "map[", "]");
            for (String key : sortedKeys(value)) {
                entries.add(key + ":" + text(value.get(key)));
            }
            return entries.toString();
        }
        if (value.isArray()) {
            StringJoiner elements = new StringJoiner(" ", "[", "]");
            value.forEach(element -> elements.add(text(element)));
            return elements.toString();
        }
        return scalar(value);
    }

    /** {@code value} as compact JSON with every object's keys sorted. */
    public static String json(JsonNode value) {
        try {
            return MAPPER.writeValueAsString(sorted(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render JSON", e);
        }
    }

    /** A string, number or boolean as Go prints it: strings without quotes, floats in {@code %v} form. */
    static String scalar(JsonNode value) {
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isFloatingPointNumber()) {
            return goFloat(value.doubleValue());
        }
        return value.asText();
    }

    /** Go's {@code %v} of a float64: shortest digits, exponent form below 1e-4 and from 1e21. */
    static String goFloat(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == 0) {
            return 1 / value < 0 ? "-0" : "0";
        }
        BigDecimal decimal = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        int exponent = decimal.precision() - decimal.scale() - 1;
        if (exponent >= -4 && exponent < 21) {
            return decimal.toPlainString();
        }
        String digits = decimal.unscaledValue().abs().toString();
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        String sign = decimal.signum() < 0 ? "-" : "";
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
    }

    private static JsonNode sorted(JsonNode value) {
        if (value.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (String key : sortedKeys(value)) {
                copy.set(key, sorted(value.get(key)));
            }
            return copy;
        }
        if (value.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            value.forEach(element -> copy.add(sorted(element)));
            return copy;
        }
        return value;
    }

    private static List<String> sortedKeys(JsonNode object) {
        List<String> keys = new ArrayList<>();
        object.fieldNames().forEachRemaining(keys::add);
        keys.sort(null);
        return keys;
    }
}
