package io.korch.gateway.printing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.korch.printing.Column;
import io.korch.printing.RowCondition;
import io.korch.printing.TablePrinter;
import java.time.Instant;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * Builds {@code meta.k8s.io} Tables as the API server serves them: {@code {kind: Table, apiVersion,
 * metadata: {resourceVersion, continue?}, columnDefinitions, rows: [{cells, conditions?, object?}]}},
 * every column of the printer included (clients hide the wide ones), each row's object as its
 * {@link IncludeObject} policy says.
 */
public final class TableJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private TableJson() {
    }

    /**
     * A Table of {@code rows}.
     *
     * @param metadata    its list metadata: {@code resourceVersion}, and {@code continue} of a list page
     * @param columns     its column definitions; null leaves them out ({@code "columnDefinitions": null}),
     *                    as the watch events after the first carry none
     */
    public static ObjectNode table(String apiVersion, ObjectNode metadata, List<Column> columns, List<ObjectNode> rows) {
        ObjectNode table = NODES.objectNode();
        table.put("kind", Conversion.Target.TABLE.kind());
        table.put("apiVersion", apiVersion);
        table.set("metadata", metadata);
        if (columns == null) {
            table.putNull("columnDefinitions");
        } else {
            ArrayNode definitions = table.putArray("columnDefinitions");
            for (Column column : columns) {
                definitions.addObject()
                        .put("name", column.name())
                        .put("type", column.type())
                        .put("format", column.format())
                        .put("description", column.description())
                        .put("priority", column.priority());
            }
        }
        ArrayNode array = table.putArray("rows");
        rows.forEach(array::add);
        return table;
    }

    /**
     * The row of one object: {@code printer}'s cells of {@code record}, ages counted to {@code now}, and of
     * {@code object} (the same object as served JSON) what {@code include} asks for.
     */
    public static ObjectNode row(TablePrinter<?> printer, SpecificRecord record, JsonNode object, IncludeObject include,
                                 String apiVersion, Instant now) {
        ObjectNode row = NODES.objectNode();
        ArrayNode cells = row.putArray("cells");
        for (Object cell : printer.cellsOf(record, now)) {
            if (cell instanceof Integer number) {
                cells.add(number);
            } else if (cell instanceof Long number) {
                cells.add(number);
            } else {
                cells.add(cell == null ? null : cell.toString());
            }
        }
        List<RowCondition> conditions = printer.conditionsOf(record);
        if (!conditions.isEmpty()) {
            ArrayNode array = row.putArray("conditions");
            for (RowCondition condition : conditions) {
                array.addObject()
                        .put("type", condition.type())
                        .put("status", condition.status())
                        .put("reason", condition.reason())
                        .put("message", condition.message());
            }
        }
        switch (include) {
            case OBJECT -> row.set("object", object);
            case METADATA -> row.set("object", PartialObjectMetadataJson.of(apiVersion, object));
            case NONE -> { }
        }
        return row;
    }

    /** The list metadata of one object's Table: its resourceVersion. */
    public static ObjectNode metadataOf(JsonNode object) {
        ObjectNode metadata = NODES.objectNode();
        JsonNode resourceVersion = object.path("metadata").path("resourceVersion");
        if (resourceVersion.isTextual()) {
            metadata.put("resourceVersion", resourceVersion.asText());
        }
        return metadata;
    }
}
