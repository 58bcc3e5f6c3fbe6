package io.korch.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code LABELS} column of {@code --show-labels}: {@code key=value} pairs sorted by key and
 * joined with commas, {@code <none>} for an object without labels, added after the last column.
 */
public final class LabelsColumn {

    private LabelsColumn() {
    }

    /** {@code table}, whose rows are {@code objects} in order, with a LABELS column at the end. */
    public static Table append(Table table, List<JsonNode> objects) {
        List<List<String>> lines = table.lines();
        List<String> headers = new ArrayList<>(lines.get(0));
        headers.add("LABELS");
        Table labelled = Table.of(headers);
        for (int r = 1; r < lines.size(); r++) {
            List<String> row = new ArrayList<>(lines.get(r));
            row.add(r - 1 < objects.size() ? labels(objects.get(r - 1)) : null);
            labelled.row(row);
        }
        return labelled;
    }

    /** {@code app=web,tier=front}, or null when the object has no labels. */
    public static String labels(JsonNode object) {
        Map<String, String> sorted = new TreeMap<>();
        object.path("metadata").path("labels").fields()
                .forEachRemaining(label -> sorted.put(label.getKey(), label.getValue().asText()));
        if (sorted.isEmpty()) {
            return null;
        }
        List<String> pairs = new ArrayList<>();
        sorted.forEach((key, value) -> pairs.add(key + "=" + value));
        return String.join(",", pairs);
    }
}
