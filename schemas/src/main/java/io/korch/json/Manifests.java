package io.korch.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses manifests — one or more YAML documents separated by {@code ---}, or JSON — into JSON
 * trees, and renders objects back as YAML. Malformed input fails with the line and column.
 */
public final class Manifests {

    private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build());

    private Manifests() {
    }

    /**
     * Every non-empty document of {@code text}.
     *
     * @throws IllegalArgumentException when the text is not valid YAML or JSON, naming the line
     */
    public static List<JsonNode> parse(String text) {
        List<JsonNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(text)) {
            while (it.hasNextValue()) {
                JsonNode document = it.nextValue();
                if (isEmpty(document)) {
                    continue;
                }
                if (!document.isObject()) {
                    throw new IllegalArgumentException("document " + (documents.size() + 1)
                            + " is not an object: " + abbreviate(document.toString()));
                }
                documents.add(document);
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new IllegalArgumentException("malformed YAML" + where + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read manifest: " + e.getMessage());
        }
        return documents;
    }

    private static boolean isEmpty(JsonNode document) {
        return document == null || document.isNull() || document.isMissingNode()
                || (document.isTextual() && document.textValue().isBlank());
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    /** The single document of {@code text}; fails when there are none or several. */
    public static JsonNode parseOne(String text) {
        List<JsonNode> documents = parse(text);
        if (documents.size() != 1) {
            throw new IllegalArgumentException("expected exactly one object, got " + documents.size());
        }
        return documents.get(0);
    }

    /** Renders a JSON tree as YAML. */
    public static String toYaml(JsonNode json) {
        try {
            return YAML.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
