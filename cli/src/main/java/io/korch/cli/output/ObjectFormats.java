package io.korch.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.korch.json.ApiJson;
import io.korch.model.ApiKind;
import java.util.List;

/**
 * The {@code -o json}, {@code -o yaml} and {@code -o name} forms of objects as the API serves
 * them: one object as itself, several as a Kubernetes {@code List} with {@code items}. JSON is
 * indented by four spaces, empty objects and arrays as {@code {}} and {@code []}, as kubectl prints it.
 */
public final class ObjectFormats {

    private static final ObjectWriter JSON = ApiJson.MAPPER.writer(new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("    ", "\n"))
            .withArrayIndenter(new DefaultIndenter("    ", "\n"))
            .withSeparators(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator("")));

    /** Plain YAML without a document marker; strings that look like numbers stay quoted ({@code resourceVersion: "42"}). */
    private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build());

    private ObjectFormats() {
    }

    /** A {@code List} holding {@code items}, each with its {@code apiVersion} and {@code kind}. */
    public static ObjectNode list(ApiKind kind, List<JsonNode> items) {
        return list(items.stream().map(item -> withKind(kind, item)).toList());
    }

    /** A {@code List} holding {@code items}, which carry their {@code apiVersion} and {@code kind}. */
    public static ObjectNode list(List<JsonNode> items) {
        ObjectNode list = JsonNodeFactory.instance.objectNode();
        list.put("apiVersion", "v1");
        ArrayNode array = list.putArray("items");
        items.forEach(array::add);
        list.put("kind", "List");
        list.putObject("metadata").put("resourceVersion", "");
        return list;
    }

    /** {@code object} with {@code apiVersion} and {@code kind} set first, as lists omit them per item. */
    public static JsonNode withKind(ApiKind kind, JsonNode object) {
        if (!object.isObject() || (object.has("apiVersion") && object.has("kind"))) {
            return object;
        }
        ObjectNode copy = JsonNodeFactory.instance.objectNode();
        copy.put("apiVersion", kind.apiVersion());
        copy.put("kind", kind.kind());
        object.fields().forEachRemaining(field -> {
            if (!field.getKey().equals("apiVersion") && !field.getKey().equals("kind")) {
                copy.set(field.getKey(), field.getValue());
            }
        });
        return copy;
    }

    /** Pretty-printed JSON ending with a newline. */
    public static String json(JsonNode value) {
        try {
            return JSON.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render JSON", e);
        }
    }

    /** YAML ending with a newline. */
    public static String yaml(JsonNode value) {
        try {
            String yaml = YAML.writeValueAsString(value);
            return yaml.endsWith("\n") ? yaml : yaml + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render YAML", e);
        }
    }
}
