package io.korch.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import io.korch.cli.output.jsonpath.JsonPathException;
import io.korch.json.ApiJson;
import io.korch.model.ApiKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * Renders objects of one kind as {@code korch get} prints them, in the format of {@code -o}: one
 * JSON or YAML document (the object itself when one was named, else a {@code List}), the template
 * of {@code jsonpath=} run on that document, {@code kind/name} lines, custom columns, or kubectl's
 * table, with a LABELS column for {@code --show-labels} and without the header for
 * {@code --no-headers}.
 */
public final class ObjectPrinter {

    /**
     * How tables are laid out.
     *
     * @param allNamespaces whether tables of namespaced kinds get a NAMESPACE column
     * @param showLabels    whether tables end with a LABELS column
     * @param noHeaders     whether the header line is left out
     */
    public record Layout(boolean allNamespaces, boolean showLabels, boolean noHeaders) {
    }

    private final ApiKind kind;
    private final OutputOption output;
    private final Layout layout;

    public ObjectPrinter(ApiKind kind, OutputOption output, Layout layout) {
        this.kind = kind;
        this.output = output;
        this.layout = layout;
    }

    /**
     * All of {@code items} as one output.
     *
     * @param single whether one object was asked for by name, printed as itself rather than in a List
     * @param agesAt the time the AGE column counts from
     * @throws IllegalArgumentException when a JSONPath template fails on the objects
     */
    public String print(List<JsonNode> items, boolean single, Instant agesAt) {
        OutputFormat format = output.format();
        if (output.document()) {
            JsonNode value = single ? ObjectFormats.withKind(kind, items.get(0)) : ObjectFormats.list(kind, items);
            return document(value);
        }
        if (format == OutputFormat.name) {
            return names(items);
        }
        if (format == OutputFormat.customColumns) {
            return output.customColumns().render(withKinds(items), !layout.noHeaders());
        }
        return TableHeaders.render(table(items, agesAt), !layout.noHeaders());
    }

    /** One value in a document format: JSON, YAML or the JSONPath template's output. */
    public String document(JsonNode value) {
        return document(output, value);
    }

    /** {@code value} in the document format of {@code output}: JSON, YAML or the JSONPath template's output. */
    public static String document(OutputOption output, JsonNode value) {
        return switch (output.format()) {
            case json -> ObjectFormats.json(value);
            case yaml -> ObjectFormats.yaml(value);
            case jsonpath -> jsonPath(output, value);
            default -> throw new IllegalStateException("not a document format: " + output.format());
        };
    }

    /** {@code kind.group/name} lines. */
    public String names(List<JsonNode> items) {
        StringBuilder out = new StringBuilder();
        for (JsonNode item : items) {
            out.append(ResourceNames.slashed(kind, item.path("metadata").path("name").asText())).append('\n');
        }
        return out.toString();
    }

    /** The kubectl table of {@code items}, normal or wide, with LABELS when asked for. */
    public Table table(List<JsonNode> items, Instant agesAt) {
        List<SpecificRecord> objects = new ArrayList<>();
        for (JsonNode item : items) {
            objects.add(ApiJson.read(item, kind.type()));
        }
        Table table = ObjectTables.table(kind, objects,
                new ObjectTables.Options(output.wide(), layout.allNamespaces(), agesAt));
        return layout.showLabels() ? LabelsColumn.append(table, items) : table;
    }

    /** Whether tables are printed without their header line. */
    public boolean noHeaders() {
        return layout.noHeaders();
    }

    /** {@code items}, each with its {@code apiVersion} and {@code kind}, as custom columns and JSONPath see them. */
    public List<JsonNode> withKinds(List<JsonNode> items) {
        return items.stream().map(item -> ObjectFormats.withKind(kind, item)).toList();
    }

    private static String jsonPath(OutputOption output, JsonNode value) {
        try {
            return output.jsonPath().execute(value);
        } catch (JsonPathException e) {
            throw new IllegalArgumentException("error executing jsonpath \"" + output.jsonPath().template()
                    + "\": Error executing template: " + e.getMessage());
        }
    }
}
